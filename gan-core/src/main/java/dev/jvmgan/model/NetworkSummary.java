package dev.jvmgan.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSwish;

/**
 * A network's layers as rows (name, type, inputs, activation, output shape per sample, parameters), to check an
 * architecture before training. Works on any DL4J {@link Model} that is a {@link MultiLayerNetwork} (layers in
 * order) or a {@link ComputationGraph} (every vertex in execution order, layer or not, with its inputs).
 *
 * <pre>{@code
 * NetworkSummary d = NetworkSummary.of(discriminator, InputType.convolutional(28, 28, 1, CNN2DFormat.NCHW));
 * System.out.print(d.table("discriminator"));
 * }</pre>
 *
 * @param inputs            the network's inputs and their shapes per sample
 * @param rows              one per layer or vertex, in execution order
 * @param params            {@code model.numParams()}, the sum of the rows' parameters
 * @param runningStatistics how many of those are batch-norm running means and variances: DL4J keeps them with the
 *                          parameters, but they are not trained (PyTorch counts them as buffers)
 */
public record NetworkSummary(List<Input> inputs, List<Row> rows, long params, long runningStatistics) {
    private static final Set<String> RUNNING_STATS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    public NetworkSummary {
        inputs = List.copyOf(inputs);
        rows = List.copyOf(rows);
    }

    /** A network input; a MultiLayerNetwork's one input is called {@code input}. */
    public record Input(String name, String shape) {
    }

    /**
     * One layer or vertex.
     *
     * @param type        the short DL4J class name: {@code ConvolutionLayer}, {@code ElementWiseVertex}, ...
     * @param inputs      the vertices feeding it (graphs); empty in a MultiLayerNetwork, where it is the previous row
     * @param activation  e.g. {@code leakyrelu(alpha=0.2)}, {@code prelu(64 learned slopes)}; empty for vertices
     *                    without one (batch norm and weight layers show {@code identity})
     * @param outputShape per sample, NCHW: {@code 64x14x14}, or {@code 6272} for feed-forward
     */
    public record Row(String name, String type, List<String> inputs, String activation, String outputShape,
                      long params) {
        public Row {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * Summarises a MultiLayerNetwork or a ComputationGraph; {@code inputs} are the network's input types, in the
     * order of its inputs.
     */
    public static NetworkSummary of(Model model, InputType... inputs) {
        if (model instanceof MultiLayerNetwork net) {
            return of(net, inputs);
        }
        if (model instanceof ComputationGraph graph) {
            return of(graph, inputs);
        }
        throw new IllegalArgumentException("cannot summarise a " + model.getClass().getName()
                + ": only MultiLayerNetwork and ComputationGraph");
    }

    private static NetworkSummary of(MultiLayerNetwork net, InputType... inputs) {
        if (inputs.length != 1) {
            throw new IllegalArgumentException("a MultiLayerNetwork has 1 input, got " + inputs.length + " input types");
        }
        List<InputType> outputs = net.getLayerWiseConfigurations().getLayerActivationTypes(inputs[0]);
        List<Row> rows = new ArrayList<>();
        long runningStatistics = 0;
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            String name = conf.getLayerName() != null ? conf.getLayerName() : String.valueOf(i);
            rows.add(new Row(name, conf.getClass().getSimpleName(), List.of(),
                    activation(conf, layers[i].numParams()), shape(outputs.get(i)), layers[i].numParams()));
            runningStatistics += runningStatistics(layers[i]);
        }
        return new NetworkSummary(List.of(new Input("input", shape(inputs[0]))), rows, net.numParams(),
                runningStatistics);
    }

    private static NetworkSummary of(ComputationGraph graph, InputType... inputs) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> inputNames = conf.getNetworkInputs();
        if (inputs.length != inputNames.size()) {
            throw new IllegalArgumentException("the graph has inputs " + inputNames + ", got " + inputs.length
                    + " input types");
        }
        // On a copy: this call also sets pre-processors and nIn on the configuration it is asked.
        Map<String, InputType> outputs = conf.clone().getLayerActivationTypes(inputs);
        List<Input> namedInputs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            namedInputs.add(new Input(inputNames.get(i), shape(inputs[i])));
        }
        List<Row> rows = new ArrayList<>();
        long runningStatistics = 0;
        GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                continue;
            }
            String name = vertex.getVertexName();
            org.deeplearning4j.nn.conf.graph.GraphVertex vertexConf = conf.getVertices().get(name);
            String type = vertexConf.getClass().getSimpleName();
            String activation = "";
            if (vertexConf instanceof LayerVertex layerVertex) {
                org.deeplearning4j.nn.conf.layers.Layer layer = layerVertex.getLayerConf().getLayer();
                type = layer.getClass().getSimpleName();
                activation = activation(layer, vertex.numParams());
                runningStatistics += runningStatistics(vertex.getLayer());
            }
            rows.add(new Row(name, type, conf.getVertexInputs().get(name), activation, shape(outputs.get(name)),
                    vertex.numParams()));
        }
        return new NetworkSummary(namedInputs, rows, graph.numParams(), runningStatistics);
    }

    private static long runningStatistics(Layer layer) {
        if (!(layer.conf().getLayer() instanceof BatchNormalization)) {
            return 0;
        }
        return layer.paramTable().entrySet().stream().filter(p -> RUNNING_STATS.contains(p.getKey()))
                .mapToLong(p -> p.getValue().length()).sum();
    }

    /** Per-sample shape, e.g. {@code 64x14x14}; an unknown length (recurrent) shows as {@code ?}. */
    public static String shape(InputType type) {
        return Arrays.stream(type.getShape(false)).mapToObj(n -> n < 0 ? "?" : Long.toString(n))
                .collect(Collectors.joining("x"));
    }

    private static String activation(org.deeplearning4j.nn.conf.layers.Layer layer, long params) {
        if (layer instanceof PReLULayer) {
            return "prelu(" + params + (params == 1 ? " learned slope)" : " learned slopes)");
        }
        IActivation fn = layer instanceof ActivationLayer a ? a.getActivationFn()
                : layer instanceof BaseLayer b ? b.getActivationFn() : null;
        return fn == null ? "" : activation(fn);
    }

    /**
     * An activation with its parameters, in the config's vocabulary ({@code leakyrelu(alpha=0.2)},
     * {@code rrelu(l=0.125,u=0.333)}, {@code silu}); others as DL4J names them ({@code tanh}, {@code identity}).
     * The subclasses in this package are matched through their DL4J parents.
     */
    public static String activation(IActivation fn) {
        if (fn instanceof ActivationLReLU lrelu) {
            return "leakyrelu(alpha=" + number(lrelu.getAlpha()) + ")";
        }
        if (fn instanceof ActivationRReLU rrelu) {
            return "rrelu(l=" + number(rrelu.getL()) + ",u=" + number(rrelu.getU()) + ")";
        }
        if (fn instanceof ActivationELU elu) {
            return "elu(alpha=" + number(elu.getAlpha()) + ")";
        }
        if (fn instanceof ActivationReLU relu) {
            List<String> set = new ArrayList<>();
            if (relu.getMax() != null) {
                set.add("max=" + number(relu.getMax()));
            }
            if (relu.getThreshold() != null) {
                set.add("threshold=" + number(relu.getThreshold()));
            }
            if (relu.getNegativeSlope() != null) {
                set.add("negativeSlope=" + number(relu.getNegativeSlope()));
            }
            return set.isEmpty() ? "relu" : "relu(" + String.join(",", set) + ")";
        }
        if (fn instanceof ActivationSwish) {
            return "silu";
        }
        if (fn instanceof ActivationGELU gelu) {
            // DL4J's two approximations, not the exact GELU (see Activations).
            return gelu.isPrecise() ? "gelu(tanh approximation)" : "gelu(sigmoid approximation)";
        }
        return fn.toString();
    }

    /** Three significant digits, always with a decimal point: 0.2, 0.333, 1.0. */
    static String number(double value) {
        String plain = BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * The plain-text table: a title line with the input shape, one line per row (an inputs column for graphs),
     * and a totals line.
     */
    public String table(String title) {
        boolean graph = rows.stream().anyMatch(r -> !r.inputs().isEmpty());
        List<String[]> cells = new ArrayList<>();
        cells.add(graph ? new String[] {"layer", "type", "inputs", "activation", "output", "parameters"}
                : new String[] {"layer", "type", "activation", "output", "parameters"});
        for (Row r : rows) {
            String params = String.format(Locale.ROOT, "%,d", r.params());
            cells.add(graph ? new String[] {r.name(), r.type(), String.join(",", r.inputs()), r.activation(),
                    r.outputShape(), params}
                    : new String[] {r.name(), r.type(), r.activation(), r.outputShape(), params});
        }
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder(title).append(": input ").append(inputs.stream()
                .map(i -> graph ? i.name() + " " + i.shape() : i.shape()).collect(Collectors.joining(", ")))
                .append('\n');
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                boolean last = c == columns - 1;
                // Counts right-aligned, so that their digits line up.
                text.append(last ? pad(line[c], widths[c], true) : pad(line[c], widths[c], false) + "  ");
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "  total: %,d parameters", params));
        if (runningStatistics > 0) {
            out.append(String.format(Locale.ROOT, " (%,d trained, %,d batch-norm running statistics)",
                    params - runningStatistics, runningStatistics));
        }
        return out.append('\n').toString();
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(width - text.length());
        return right ? space + text : text + space;
    }
}
