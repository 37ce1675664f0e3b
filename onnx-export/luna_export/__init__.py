"""luna-tts model export: SBV2 JP-Extra voices and the Japanese DeBERTa to ONNX."""
