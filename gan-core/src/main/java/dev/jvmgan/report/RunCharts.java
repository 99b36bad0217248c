package dev.jvmgan.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The charts of one run's records: losses, D's outputs, G's signal, per-layer heatmaps and unit fractions. */
final class RunCharts {
    private RunCharts() {
    }

    static LineChart losses(List<RunRecords.Train> train) {
        double[] x = x(train);
        return new LineChart("losses", "Losses (means over each logging interval)", "loss")
                .add(LineChart.line("D loss", x, y(train, RunRecords.Train::dLoss), 0))
                .add(LineChart.line("G loss", x, y(train, RunRecords.Train::gLoss), 1));
    }

    /**
     * D(x) and D(G(z)) as the records say they are: probabilities on [0, 1]; a loss's raw outputs on a free axis;
     * a critic's scores as their gap D(x) - D(G(z)) alone, since the scores are defined only up to a constant.
     */
    static LineChart discriminatorOutputs(List<RunRecords.Train> train) {
        double[] x = x(train);
        double[] real = y(train, RunRecords.Train::dReal);
        double[] fake = y(train, RunRecords.Train::dFake);
        String dOutput = train.isEmpty() ? "probability" : train.get(train.size() - 1).dOutput();
        if (dOutput.equals("critic")) {
            double[] gap = new double[real.length];
            for (int i = 0; i < gap.length; i++) {
                gap[i] = real[i] - fake[i];
            }
            return new LineChart("d-outputs", "Critic gap D(x) - D(G(z)): an estimate of the Wasserstein distance",
                    "mean critic score gap").add(LineChart.line("D(x) - D(G(z))", x, gap, 2));
        }
        boolean probabilities = dOutput.equals("probability");
        LineChart chart = new LineChart("d-outputs", probabilities ? "D(x) and D(G(z)): mean D output on real and fake"
                : "D(x) and D(G(z)): mean raw D output on real and fake", probabilities ? "mean D output (probability)"
                : "mean raw D output")
                .add(LineChart.line("D(x)", x, real, 2))
                .add(LineChart.line("D(G(z))", x, fake, 3));
        return probabilities ? chart.yRange(0, 1) : chart;
    }

    /**
     * With ACGAN's auxiliary classifier: the share of real images D's class head files under their label, and of
     * G's images under the class each was made as; empty for a run without a class head.
     */
    static Optional<LineChart> classAccuracy(List<RunRecords.Train> train) {
        List<RunRecords.Train> withHead = train.stream().filter(RunRecords.Train::hasClassHead).toList();
        if (withHead.isEmpty()) {
            return Optional.empty();
        }
        double[] x = x(withHead);
        return Optional.of(new LineChart("class-accuracy",
                "D's class head (ACGAN): share of images filed under their class", "class accuracy")
                .add(LineChart.line("real images", x, y(withHead, RunRecords.Train::classAccuracyReal), 2))
                .add(LineChart.line("G's images", x, y(withHead, RunRecords.Train::classAccuracyFake), 3))
                .yRange(0, 1).format(Html::percent));
    }

    static LineChart generatorSignal(List<RunRecords.Check> checks) {
        double[] x = checks.stream().mapToDouble(RunRecords.Check::iteration).toArray();
        return new LineChart("g-signal", "Signal G learns from: mean per-sample norm of dLoss/dG(z)", "norm")
                .add(LineChart.line("G signal", x, checks.stream().mapToDouble(RunRecords.Check::gSignal).toArray(), 0))
                .logY();
    }

    /**
     * One heatmap per network of a per-layer figure: {@code norm} (the L2 norm of all the layer's learned
     * parameters' gradients together) or {@code ratio} (the size of the layer's update over the size of its
     * parameters). Rows run from the input side down: the monitor writes gradients output layer first.
     */
    static Heatmap layerHeatmap(List<RunRecords.Check> checks, String network, boolean ratio) {
        Set<String> order = new LinkedHashSet<>();
        checks.forEach(c -> c.gradients().stream().filter(g -> g.network().equals(network))
                .forEach(g -> order.add(g.layer())));
        List<String> layers = new ArrayList<>(order);
        java.util.Collections.reverse(layers);
        long[] iterations = checks.stream().mapToLong(RunRecords.Check::iteration).toArray();
        double[][] values = new double[layers.size()][checks.size()];
        for (int c = 0; c < checks.size(); c++) {
            Map<String, double[]> sums = new LinkedHashMap<>(); // layer -> {sum grad^2, sum step^2, sum param^2}
            for (RunRecords.Gradient g : checks.get(c).gradients()) {
                if (g.network().equals(network)) {
                    double[] s = sums.computeIfAbsent(g.layer(), k -> new double[3]);
                    s[0] += g.norm() * g.norm();
                    double step = g.updateRatio() * g.paramNorm();
                    s[1] += step * step;
                    s[2] += g.paramNorm() * g.paramNorm();
                }
            }
            for (int r = 0; r < layers.size(); r++) {
                double[] s = sums.get(layers.get(r));
                values[r][c] = s == null ? Double.NaN : ratio ? (s[2] > 0 ? Math.sqrt(s[1] / s[2]) : Double.NaN)
                        : Math.sqrt(s[0]);
            }
        }
        String what = ratio ? "update-to-parameter ratio |ΔW|/|W| per layer" : "gradient L2 norm per layer";
        return new Heatmap((ratio ? "ratio-" : "grad-") + network, network + ": " + what, layers.stream()
                .map(l -> network + " " + l).toList(), iterations, values);
    }

    /**
     * Per activation layer of {@code network}, in percent: units never positive (solid; dead, for ReLU) and the
     * mean share of each unit's inputs that are &lt;= 0 (dashed, same colour), as in dead-units.png.
     */
    static LineChart units(List<RunRecords.Check> checks, String network) {
        Map<String, List<double[]>> never = new LinkedHashMap<>();
        Map<String, List<double[]>> inputs = new LinkedHashMap<>();
        String label = "never positive";
        for (RunRecords.Check c : checks) {
            for (RunRecords.Units u : c.units()) {
                if (u.network().equals(network)) {
                    never.computeIfAbsent(u.name(), k -> new ArrayList<>())
                            .add(new double[]{c.iteration(), 100 * u.neverPositiveFraction()});
                    inputs.computeIfAbsent(u.name(), k -> new ArrayList<>())
                            .add(new double[]{c.iteration(), 100 * u.meanNonPositive()});
                    label = u.label();
                }
            }
        }
        List<LineChart.Series> solid = new ArrayList<>();
        List<LineChart.Series> dashed = new ArrayList<>();
        int colour = 0;
        for (String name : never.keySet()) {
            solid.add(series(name + " " + label, never.get(name), colour, false));
            dashed.add(series(name + " inputs <= 0", inputs.get(name), colour, true));
            colour++;
        }
        LineChart chart = new LineChart("units-" + network, network + ": units " + label
                + " (solid) and inputs <= 0 per unit (dashed)", "%").yRange(0, 100).format(v -> Html.num(v) + "%");
        chart.addStriped(solid);
        dashed.forEach(chart::add);
        return chart;
    }

    private static LineChart.Series series(String name, List<double[]> points, int colour, boolean dashed) {
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        return new LineChart.Series(name, x, y, colour, dashed, dashed ? 1.3 : 2.2);
    }

    private static double[] x(List<RunRecords.Train> train) {
        return train.stream().mapToDouble(RunRecords.Train::iteration).toArray();
    }

    private static double[] y(List<RunRecords.Train> train, ToDoubleFunction<RunRecords.Train> f) {
        return train.stream().mapToDouble(f).toArray();
    }
}
