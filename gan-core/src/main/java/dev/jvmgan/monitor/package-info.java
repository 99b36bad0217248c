/** Training health as numbers, alerts and charts: dead and never-positive units per activation layer, saturation, gradient norms and update ratios, and the rules that warn or stop before a run is lost. */
package dev.jvmgan.monitor;
