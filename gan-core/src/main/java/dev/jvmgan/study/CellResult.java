package dev.jvmgan.study;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one finished run says, read back from its directory by {@link CellRecords}: per activation layer the
 * never-positive fraction at every check (for ReLU, the dead fraction), the Fréchet distance at the end and the
 * time per iteration.
 *
 * @param iterations          the last iteration trained
 * @param checks              {@code monitor} records read
 * @param layers              every activation layer of D and G, in record order
 * @param fd                  the Fréchet distance of the score at the last iteration; empty when there is none
 * @param fdImages            generated images that score used (0 without one)
 * @param extractor           the hash of the feature network of that score; empty without one
 * @param secondsPerIteration the median over the run's {@code train} records of 1 / itPerSec (each a wall-clock mean
 *                            over {@code logEvery} iterations, so the intervals with a sample grid or checkpoint
 *                            do not set it); NaN without records
 */
public record CellResult(long iterations, int checks, List<LayerTrace> layers, OptionalDouble fd, int fdImages,
                         String extractor, double secondsPerIteration) {

    public CellResult {
        layers = List.copyOf(layers);
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * One activation layer over the run.
     *
     * @param network        {@code D} or {@code G}
     * @param layer          {@code act2}
     * @param activation     as the records name it: {@code relu}
     * @param iterations     the checks' iterations
     * @param fractions      never-positive fraction at each check
     * @param deadForWindow  at the last check, units dead at each of the window's checks (ReLU; 0 otherwise)
     * @param units          the layer's units
     * @param finalMeanNonPositive at the last check, the mean over units of the share of inputs &lt;= 0: how close
     *                       the layer is to dying (a unit dies at 100%)
     */
    public record LayerTrace(String network, String layer, String activation, List<Long> iterations,
                             List<Double> fractions, int deadForWindow, int units, double finalMeanNonPositive) {
        public LayerTrace {
            iterations = List.copyOf(iterations);
            fractions = List.copyOf(fractions);
            if (iterations.size() != fractions.size() || iterations.isEmpty()) {
                throw new IllegalArgumentException(network + " " + layer + ": " + iterations.size()
                        + " iterations for " + fractions.size() + " fractions (need as many, at least one)");
            }
        }

        public double finalFraction() {
            return fractions.get(fractions.size() - 1);
        }

        public double peakFraction() {
            return fractions.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        /** The first check at which the peak was reached. */
        public long peakIteration() {
            return iterations.get(fractions.indexOf(peakFraction()));
        }
    }

    /** The layers of one network ({@code D} or {@code G}). */
    public List<LayerTrace> layersOf(String network) {
        return layers.stream().filter(l -> l.network().equals(network)).toList();
    }

    /** The largest final never-positive fraction over {@code network}'s layers; 0 without layers. */
    public double finalMax(String network) {
        return layersOf(network).stream().mapToDouble(LayerTrace::finalFraction).max().orElse(0);
    }

    /** The layer with {@link #finalMax}, the first of equals; empty without layers. */
    public String finalMaxLayer(String network) {
        double max = finalMax(network);
        return layersOf(network).stream().filter(l -> l.finalFraction() == max).map(LayerTrace::layer)
                .findFirst().orElse("");
    }

    /** The never-positive units of all of {@code network}'s layers at the last check over all their units (0: none). */
    public double finalOverall(String network) {
        double never = 0;
        double units = 0;
        for (LayerTrace l : layersOf(network)) {
            never += Math.round(l.finalFraction() * l.units());
            units += l.units();
        }
        return units == 0 ? 0 : never / units;
    }

    /** The largest never-positive fraction of any of {@code network}'s layers at any check. */
    public double peak(String network) {
        return layersOf(network).stream().mapToDouble(LayerTrace::peakFraction).max().orElse(0);
    }

    /** The largest {@link LayerTrace#finalMeanNonPositive} over {@code network}'s layers; 0 without layers. */
    public double finalMeanNonPositiveMax(String network) {
        return layersOf(network).stream().mapToDouble(LayerTrace::finalMeanNonPositive).max().orElse(0);
    }

    /** The largest fraction of units dead for the whole window at the last check, over the layers. */
    public double finalDeadForWindow(String network) {
        return layersOf(network).stream().mapToDouble(l -> (double) l.deadForWindow() / Math.max(1, l.units()))
                .max().orElse(0);
    }

    /** At each check, the largest never-positive fraction over {@code network}'s layers. */
    public double[] maxOverLayers(String network) {
        List<LayerTrace> mine = layersOf(network);
        if (mine.isEmpty()) {
            return new double[0];
        }
        int checks = mine.stream().mapToInt(l -> l.fractions().size()).min().orElseThrow();
        double[] max = new double[checks];
        for (int c = 0; c < checks; c++) {
            for (LayerTrace l : mine) {
                max[c] = Math.max(max[c], l.fractions().get(c));
            }
        }
        return max;
    }

    /** The iterations of {@link #maxOverLayers}. */
    public long[] checkIterations(String network) {
        List<LayerTrace> mine = layersOf(network);
        int checks = mine.stream().mapToInt(l -> l.fractions().size()).min().orElse(0);
        return mine.isEmpty() ? new long[0]
                : mine.get(0).iterations().subList(0, checks).stream().mapToLong(Long::longValue).toArray();
    }
}
