package dev.luna.tts.voice;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.luna.tts.text.ModelInput;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One voice's generator session (SBV2 2.7 convert_onnx contract, JP-Extra). Thread-safe. */
public final class Generator implements AutoCloseable {

    public static final int BERT_DIM = 1024;
    static final List<String> INPUTS = List.of("x_tst", "x_tst_lengths", "sid", "tones", "language", "bert",
            "style_vec", "length_scale", "sdp_ratio", "noise_scale", "noise_scale_w");

    private final OrtEnvironment env;
    private final OrtSession session;
    private final OrtSession.RunOptions runOptions;
    private final int styleDim;

    /** @param runOptions options for every run, or null */
    public Generator(OrtEnvironment env, OrtSession session, OrtSession.RunOptions runOptions) throws OrtException {
        this.env = env;
        this.session = session;
        this.runOptions = runOptions;
        Map<String, NodeInfo> in = session.getInputInfo();
        List<String> missing = INPUTS.stream().filter(n -> !in.containsKey(n)).toList();
        if (!missing.isEmpty() || !session.getOutputInfo().containsKey("output")) {
            throw new IllegalArgumentException("not an SBV2 JP-Extra generator: missing inputs " + missing
                    + (session.getOutputInfo().containsKey("output") ? "" : " and output 'output'"));
        }
        long[] styleShape = ((ai.onnxruntime.TensorInfo) in.get("style_vec").getInfo()).getShape();
        styleDim = styleShape.length == 2 && styleShape[1] > 0 ? (int) styleShape[1] : 256;
    }

    public int styleDimension() {
        return styleDim;
    }

    /**
     * @param bert  features laid out [1024, T] (row-major), T = input.phoneIds().length
     * @return mono float audio
     */
    public float[] synthesize(ModelInput input, float[] bert, float[] style, long speakerId, GeneratorParams p)
            throws OrtException {
        int t = input.phoneIds().length;
        if (bert.length != BERT_DIM * t) {
            throw new IllegalArgumentException("bert features " + bert.length + " != 1024 x " + t);
        }
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            long[] bt = {1, t};
            feeds.put("x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(input.phoneIds()), bt));
            feeds.put("x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{t}), new long[]{1}));
            feeds.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{speakerId}), new long[]{1}));
            feeds.put("tones", OnnxTensor.createTensor(env, LongBuffer.wrap(input.toneIds()), bt));
            feeds.put("language", OnnxTensor.createTensor(env, LongBuffer.wrap(input.languageIds()), bt));
            feeds.put("bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(bert), new long[]{1, BERT_DIM, t}));
            feeds.put("style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[]{1, style.length}));
            feeds.put("length_scale", scalar(p.lengthScale()));
            feeds.put("sdp_ratio", scalar(p.sdpRatio()));
            feeds.put("noise_scale", scalar(p.noiseScale()));
            feeds.put("noise_scale_w", scalar(p.noiseScaleW()));
            try (OrtSession.Result r = session.run(feeds, Set.of("output"), runOptions)) {
                OnnxValue v = r.get("output").orElseThrow();
                FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                float[] audio = new float[fb.remaining()];
                fb.get(audio);
                return audio;
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor scalar(float v) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{v}), new long[0]);
    }

    /** ONNX metadata (AIVMX keeps its config and style vectors there). */
    public Map<String, String> customMetadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
