package dev.luna.tts.service;

import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import dev.luna.tts.text.userdict.UserDictStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/** The SBV2 text stage on the pure-Java OpenJTalk over the memory-mapped naist-jdic (luna.dictionary-dir). */
@ApplicationScoped
public class TextFrontendProducer {

    private static final Logger LOG = Logger.getLogger(TextFrontendProducer.class);

    /** OpenJTalk on the dictionary; also used on its own for accent phrases (VOICEVOX API). */
    @Produces
    @Singleton
    OpenJTalk openJTalk(LunaConfig config) {
        long t0 = System.nanoTime();
        MecabDictionary dict = MecabDictionary.open(Path.of(config.dictionaryDir()));
        LOG.infof("Opened dictionary %s in %d ms", config.dictionaryDir(), (System.nanoTime() - t0) / 1_000_000);
        return new OpenJTalk(dict);
    }

    @Produces
    @ApplicationScoped
    TextFrontend frontend(OpenJTalk openJTalk, UserDictStore userDict) {
        return new Sbv2TextFrontend(openJTalk, userDict::current);
    }

    /** The one global user dictionary (luna.user-dict-dir); the frontend reads its current snapshot per request. */
    @Produces
    @Singleton
    UserDictStore userDict(LunaConfig config) {
        UserDictStore store = new UserDictStore(Path.of(config.userDictDir()));
        LOG.infof("User dictionary %s: %d words", store.file(), store.current().words().size());
        return store;
    }
}
