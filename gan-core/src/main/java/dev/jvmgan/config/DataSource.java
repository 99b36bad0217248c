package dev.jvmgan.config;

/** Kinds of training data; YAML spells them in lower case ({@code idx}, {@code folder}). */
public enum DataSource { IDX, FOLDER }
