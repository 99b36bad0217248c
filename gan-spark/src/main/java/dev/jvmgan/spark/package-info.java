/** Data-parallel GAN training on Apache Spark: rounds of local SGD whose averaged model the driver trains as a run. */
package dev.jvmgan.spark;
