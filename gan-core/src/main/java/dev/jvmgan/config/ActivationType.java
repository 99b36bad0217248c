package dev.jvmgan.config;

/** The Leaky ReLU family; YAML spells them in lower case ({@code leakyrelu}, {@code silu} or {@code swish}). */
public enum ActivationType { RELU, LEAKYRELU, PRELU, RRELU, ELU, SELU, GELU, SILU }
