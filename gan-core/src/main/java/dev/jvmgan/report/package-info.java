/** The run report: one self-contained, offline HTML page per run (or per set of runs), built from the files of run directories alone. */
package dev.jvmgan.report;
