/** The run configuration: immutable, validated records, each declaring its YAML keys and defaults once in a schema, and the loader that reports every problem with its file:line:key. */
package dev.jvmgan.config;
