/** Runnable examples of using the toolkit as a library; copy and adapt them. */
package dev.jvmgan.examples;
