package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.luna.tts.service.TextService;
import dev.luna.tts.text.G2pResult;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * POST /g2p {"text", "given_phone"?, "given_tone"?, "words"?} → {"text","norm","phones","tones","word2ph"} (SBV2 g2p
 * before ids and blanks; with given phones: what the generator would get, word2ph adjusted as SBV2 adjusts it).
 */
@Path("/g2p")
@Tag(name = "Text")
public class G2pResource {

    /** {@code given_phone}/{@code given_tone}: SBV2's, applied as synthesis applies them; {@code words}: per request. */
    public record G2pBody(String text, @JsonProperty("given_phone") List<String> givenPhone,
                          @JsonProperty("given_tone") List<Integer> givenTone, List<RequestWords.WordJson> words) {
    }

    public record G2pResponse(String text, String norm, List<String> phones, List<Integer> tones, List<Integer> word2ph) {
    }

    private final TextService text;

    public G2pResource(TextService text) {
        this.text = text;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Text to phonemes", description = "SBV2's normalization and g2p, before symbol ids and"
            + " blanks")
    @APIResponse(responseCode = "400", description = "Missing or empty text, or text that normalizes to nothing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public G2pResponse g2p(G2pBody body) {
        if (body == null) {
            throw ApiException.badRequest("text", "a JSON body with \"text\" is required");
        }
        if ((body.givenPhone() == null) != (body.givenTone() == null)) {
            throw ApiException.badRequest(body.givenPhone() == null ? "given_phone" : "given_tone",
                    "given_phone and given_tone go together (SBV2's infer takes both)");
        }
        G2pResult g = text.g2p(body.text(), RequestWords.of(body.words()), body.givenPhone(), body.givenTone());
        return new G2pResponse(body.text(), g.normalizedText(), g.phones(), g.tones(), g.word2ph());
    }
}
