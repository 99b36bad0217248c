/** Sample quality scores, each a pure function of two feature matrices (rows are images), in double precision. */
package dev.jvmgan.eval;
