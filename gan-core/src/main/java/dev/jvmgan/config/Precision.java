package dev.jvmgan.config;

/** The arithmetic of G's and D's convolutions ({@code train.precision}). */
public enum Precision {
    /**
     * Everything float32; the convolutions computed by the project's oneDNN primitives where the CPU backend's oneDNN
     * loads (package {@code dev.jvmgan.convolution}), DL4J's own ops elsewhere.
     */
    FLOAT32,
    /**
     * bf16 mixed precision: the convolutions' inputs and weights rounded to bfloat16 and their products accumulated
     * in float32 by oneDNN, everything else float32 (package {@code dev.jvmgan.convolution}). Needs AVX512-BF16.
     */
    BF16
}
