package dev.luna.tts.engine.model;

import dev.luna.tts.engine.voice.VoiceSource;

import java.nio.file.Path;
import java.util.List;

/** What a scan of the model repository found. {@code problems}: file → why it was skipped. */
public record RepositoryScan(List<VoiceSource> voices, List<Path> bertDirs, java.util.Map<Path, String> problems) {
}
