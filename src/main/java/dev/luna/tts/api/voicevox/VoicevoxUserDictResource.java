package dev.luna.tts.api.voicevox;

import dev.luna.tts.api.RequestWords;

import dev.luna.tts.api.AdminOperation;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.text.userdict.UserDictException;
import dev.luna.tts.text.userdict.UserDictJson;
import dev.luna.tts.text.userdict.UserDictStore;
import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.WordNotFoundException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.function.Supplier;

import static dev.luna.tts.engine.TtsException.invalid;
import static dev.luna.tts.engine.TtsException.notFound;

/**
 * VOICEVOX's user dictionary endpoints on the global dictionary ({@code luna.user-dict-dir}). Everything here but
 * {@code GET /user_dict} changes the dictionary of every request: these are the admin operations to guard.
 */
@Path("/")
public class VoicevoxUserDictResource {

    private final UserDictStore store;

    public VoicevoxUserDictResource(UserDictStore store) {
        this.store = store;
    }

    @GET
    @Path("user_dict")
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return UserDictJson.writeApi(store.current().words());
    }

    /** Adds a word; answers its UUID as a JSON string. */
    @AdminOperation
    @POST
    @Blocking
    @Path("user_dict_word")
    @Produces(MediaType.APPLICATION_JSON)
    public String add(@QueryParam("surface") String surface, @QueryParam("pronunciation") String pronunciation,
                      @QueryParam("accent_type") String accentType, @QueryParam("word_type") String wordType,
                      @QueryParam("priority") String priority) {
        UserDictWord w = word(surface, pronunciation, accentType, wordType, priority);
        return "\"" + checked(() -> store.add(w)) + "\"";
    }

    @AdminOperation
    @PUT
    @Blocking
    @Path("user_dict_word/{word_uuid}")
    public Response update(@PathParam("word_uuid") String uuid, @QueryParam("surface") String surface,
                           @QueryParam("pronunciation") String pronunciation,
                           @QueryParam("accent_type") String accentType, @QueryParam("word_type") String wordType,
                           @QueryParam("priority") String priority) {
        UserDictWord w = word(surface, pronunciation, accentType, wordType, priority);
        checked(() -> {
            store.update(uuid, w);
            return null;
        });
        return Response.noContent().build();
    }

    @AdminOperation
    @DELETE
    @Blocking
    @Path("user_dict_word/{word_uuid}")
    public Response delete(@PathParam("word_uuid") String uuid) {
        checked(() -> {
            store.delete(uuid);
            return null;
        });
        return Response.noContent().build();
    }

    /** VOICEVOX's import: words keyed by UUID; {@code override} replaces words with the same UUID. */
    @AdminOperation
    @POST
    @Blocking
    @Path("import_user_dict")
    public Response importWords(@QueryParam("override") String override, String body) {
        if (override == null || !(override.equals("true") || override.equals("false"))) {
            throw invalid("override", "override (true or false) is required");
        }
        if (body == null || body.isBlank()) {
            throw invalid("body", "a JSON object of words keyed by UUID is required");
        }
        checked(() -> {
            Map<String, UserDictWord> words = UserDictJson.readImport(body);
            store.importWords(words, Boolean.parseBoolean(override));
            return null;
        });
        return Response.noContent().build();
    }

    private static UserDictWord word(String surface, String pronunciation, String accentType, String wordType,
                                     String priority) {
        if (surface == null) {
            throw invalid("surface", "surface is required");
        }
        if (pronunciation == null) {
            throw invalid("pronunciation", "pronunciation is required");
        }
        int accent = integer("accent_type", accentType);
        Integer p = priority == null ? null : integer("priority", priority);
        return checked(() -> RequestWords.word(surface, pronunciation, accent, wordType, p));
    }

    private static int integer(String field, String v) {
        if (v == null) {
            throw invalid(field, field + " is required");
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(field, field + " must be an integer, got \"" + v + "\"");
        }
    }

    private static <T> T checked(Supplier<T> op) {
        try {
            return op.get();
        } catch (WordNotFoundException e) {
            throw notFound("word_uuid", e.getMessage());
        } catch (UserDictException e) {
            throw new TtsException(TtsException.Kind.INVALID, e.field(), e.getMessage());
        }
    }
}
