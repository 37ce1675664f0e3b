package dev.luna.tts.fuzz;

/**
 * One generated request, as the bytes that go on the wire.
 *
 * @param index      position in the run; {@code --only index} with the same seed regenerates it
 * @param endpoint   the row of the report ("POST /synthesize", "raw framing", ...)
 * @param kind       what is hostile about it, for grouping findings
 * @param request    the complete bytes sent
 * @param head       a HEAD request (a response without a body)
 * @param incomplete the request is unfinished on purpose (body shorter than announced): the client
 *                   waits, then shuts its side down; closing without an answer is then allowed
 *                   (RFC 9112 §8: an incomplete message MAY be answered)
 * @param body       what a 200 must carry
 */
record FuzzCase(int index, String endpoint, String kind, byte[] request, boolean head, boolean incomplete, Body body) {

    enum Body {
        /** nothing to check */
        ANY,
        /** streamed WAV from /synthesize: RIFF header with unknown sizes, then PCM16 */
        WAV_STREAM,
        /** /voice: one WAV whose RIFF and data sizes match the body */
        WAV_COMPLETE,
        /** /synthesize format=pcm: an even number of bytes */
        PCM,
        /** a JSON object */
        JSON
    }
}
