package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A network from a DL4J configuration file, as DL4J writes it ({@code conf.toJson()} or {@code conf.toYaml()} of a
 * {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration}): {@code architecture: nets/d.json}.
 *
 * <p>The file gives the layers. The run config gives what a run controls: the optimiser ({@code train.g} or
 * {@code train.d}, replacing each layer's updater), the seed and the data type, so that a file behaves like any
 * other architecture of the run.
 */
final class Dl4jConfigFileArchitecture implements Architecture {
    private final Path file;

    Dl4jConfigFileArchitecture(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public java.util.Set<NetworkRole> roles() {
        return java.util.EnumSet.allOf(NetworkRole.class);
    }

    @Override
    public java.util.Set<String> parameters() {
        return java.util.Set.of();
    }

    @Override
    public List<Violation> check(ArchitectureContext context) {
        try {
            read(context.key() + ".architecture");
            return List.of();
        } catch (ArchitectureException e) {
            return List.of(new Violation(e.key(), e.problem()));
        }
    }

    @Override
    public Model build(ArchitectureContext context) {
        Object conf = read(context.key() + ".architecture");
        if (conf instanceof MultiLayerConfiguration mlc) {
            mlc.setDataType(context.dataType());
            mlc.getConfs().forEach(c -> apply(c, context));
            MultiLayerNetwork net = new MultiLayerNetwork(mlc);
            net.init();
            return net;
        }
        ComputationGraphConfiguration cgc = (ComputationGraphConfiguration) conf;
        cgc.setDataType(context.dataType());
        apply(cgc.getDefaultConfiguration(), context);
        for (GraphVertex vertex : cgc.getVertices().values()) {
            if (vertex instanceof LayerVertex layer) {
                apply(layer.getLayerConf(), context);
            }
        }
        ComputationGraph graph = new ComputationGraph(cgc);
        graph.init();
        return graph;
    }

    private static void apply(NeuralNetConfiguration conf, ArchitectureContext context) {
        conf.setSeed(context.seed());
        if (conf.getLayer() instanceof PReLULayer prelu && !(prelu instanceof PReluLayer)) {
            conf.setLayer(PReluLayer.of(prelu)); // DL4J's prelu_bp fails at common sizes: see PReluLayer
        }
        if (conf.getLayer() instanceof BaseLayer layer) {
            layer.setIUpdater(context.updater());
            layer.setBiasUpdater(null); // null: biases follow the weights' updater
        }
    }

    /** The parsed configuration, or an exception at the architecture key saying what is wrong with the file. */
    private Object read(String key) {
        if (!Files.isRegularFile(file)) {
            throw new ArchitectureException(key, "no DL4J configuration file at " + file.toAbsolutePath()
                    + " (paths are relative to the working directory)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArchitectureException(key, "cannot read " + file + ": " + e.getMessage());
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        boolean graph = json ? text.contains("\"vertices\"") : text.contains("vertices:");
        try {
            if (graph) {
                return json ? ComputationGraphConfiguration.fromJson(text) : ComputationGraphConfiguration.fromYaml(text);
            }
            return json ? MultiLayerConfiguration.fromJson(text) : MultiLayerConfiguration.fromYaml(text);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new ArchitectureException(key, file + " is not a DL4J " + (graph ? "ComputationGraphConfiguration"
                    : "MultiLayerConfiguration") + " in " + (json ? "JSON" : "YAML") + " as DL4J writes it ("
                    + "conf.to" + (json ? "Json" : "Yaml") + "()): " + reason);
        }
    }
}
