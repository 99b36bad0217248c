package dev.jvmgan.config;

/** The arithmetic of G's and D's convolutions ({@code train.precision}). */
public enum Precision {
    /** Everything float32. */
    FLOAT32,
    /**
     * bf16 mixed precision: the convolutions' inputs and weights rounded to bfloat16 and their products accumulated
     * in float32 by oneDNN, everything else float32 (package {@code dev.jvmgan.precision}). Needs AVX512-BF16.
     */
    BF16
}
