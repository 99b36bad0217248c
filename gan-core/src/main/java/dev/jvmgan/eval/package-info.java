/**
 * Sample quality: the feature network trained on a dataset's own images (cached), the metrics as pure functions of
 * feature matrices in double precision, and the {@link dev.jvmgan.eval.Evaluator} that scores images against a
 * dataset's reference.
 */
package dev.jvmgan.eval;
