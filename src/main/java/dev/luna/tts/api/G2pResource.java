package dev.luna.tts.api;

import dev.luna.tts.runtime.InvalidRequestException;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.TextFrontend;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import org.jboss.logging.Logger;

/** POST /g2p {"text"} → {"text","norm","phones","tones","word2ph"} (SBV2 g2p before ids and blanks). */
@Path("/g2p")
public class G2pResource {

    private static final Logger LOG = Logger.getLogger(G2pResource.class);

    public record G2pBody(String text) {
    }

    public record G2pResponse(String text, String norm, List<String> phones, List<Integer> tones, List<Integer> word2ph) {
    }

    @Inject
    TextFrontend frontend;
    @Inject
    dev.luna.tts.runtime.LunaConfig config;

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public G2pResponse g2p(G2pBody body) {
        if (body == null || body.text() == null || body.text().isEmpty()) {
            throw InvalidRequestException.invalid("text", "text is required");
        }
        int len = body.text().codePointCount(0, body.text().length());
        if (len > config.maxTextLength()) {
            throw InvalidRequestException.invalid("text", "text is " + len + " characters; the limit is " + config.maxTextLength());
        }
        try {
            String norm = frontend.normalize(body.text());
            G2pResult g = frontend.g2p(norm);
            return new G2pResponse(body.text(), norm, g.phones(), g.tones(), g.word2ph());
        } catch (EmptyTextException e) {
            throw new InvalidRequestException(400, "text", "empty_text", "text contains nothing readable after normalization");
        } catch (RuntimeException e) {
            LOG.warnf(e, "g2p failed on %s", body.text());
            throw InvalidRequestException.invalid("text", "text could not be converted to phonemes: " + e.getMessage());
        }
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return ErrorBodies.flat(e);
    }
}
