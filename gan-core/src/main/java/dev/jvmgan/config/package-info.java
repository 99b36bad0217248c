/** The run configuration: immutable, validated records and the YAML loader that reports every problem with its file:line:key. */
package dev.jvmgan.config;
