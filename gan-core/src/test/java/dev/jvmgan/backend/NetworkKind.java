package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two kinds of DL4J network behind the seam, built from the same named layers: a MultiLayerNetwork lists them,
 * a ComputationGraph chains them from input {@code in}. Each also answers with DL4J's own passes, for reference.
 */
enum NetworkKind {
    MULTI_LAYER {
        @Override
        Model build(NeuralNetConfiguration.Builder settings, List<NamedLayer> layers) {
            NeuralNetConfiguration.ListBuilder list = settings.list();
            layers.forEach(l -> list.layer(l.build()));
            MultiLayerNetwork net = new MultiLayerNetwork(list.build());
            net.init();
            return net;
        }

        @Override
        Map<String, INDArray> dl4jGradients(Model model, INDArray input, INDArray lossGradient) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            net.setInput(input);
            net.feedForward(true, false);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            net.backpropGradient(lossGradient, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradientForVariable()
                    .forEach((key, g) -> {
                        int layer = Integer.parseInt(key.substring(0, key.indexOf('_')));
                        gradients.put(net.getLayer(layer).conf().getLayer().getLayerName() + "/"
                                + key.substring(key.indexOf('_') + 1), g.dup());
                    });
            return gradients;
        }

        @Override
        void fit(Model model, INDArray input, INDArray labels) {
            ((MultiLayerNetwork) model).fit(input, labels);
        }

        @Override
        INDArray updaterState(Model model) {
            return ((MultiLayerNetwork) model).getUpdater().getStateViewArray();
        }
    },
    GRAPH {
        @Override
        Model build(NeuralNetConfiguration.Builder settings, List<NamedLayer> layers) {
            GraphBuilder graph = settings.graphBuilder().addInputs("in");
            String previous = "in";
            for (NamedLayer l : layers) {
                graph.addLayer(l.name(), l.build(), previous);
                previous = l.name();
            }
            ComputationGraph net = new ComputationGraph(graph.setOutputs(previous).build());
            net.init();
            return net;
        }

        @Override
        Map<String, INDArray> dl4jGradients(Model model, INDArray input, INDArray lossGradient) {
            // Without workspaces the inputs feedForward keeps stay valid for backprop.
            ComputationGraph graph = (ComputationGraph) model;
            graph.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
            graph.feedForward(new INDArray[] {input}, true, false);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            graph.backpropGradient(lossGradient).gradientForVariable().forEach((key, g) -> gradients.put(
                    key.substring(0, key.lastIndexOf('_')) + "/" + key.substring(key.lastIndexOf('_') + 1), g.dup()));
            return gradients;
        }

        @Override
        void fit(Model model, INDArray input, INDArray labels) {
            ((ComputationGraph) model).fit(new INDArray[] {input}, new INDArray[] {labels});
        }

        @Override
        INDArray updaterState(Model model) {
            return ((ComputationGraph) model).getUpdater().getStateViewArray();
        }
    };

    /** A layer's name and a fresh configuration of it for every network built. */
    record NamedLayer(String name, Supplier<Layer> layer) {
        Layer build() {
            Layer built = layer.get();
            built.setLayerName(name);
            return built;
        }
    }

    /** An initialised network of this kind: the layers in order, with the network-wide settings. */
    abstract Model build(NeuralNetConfiguration.Builder settings, List<NamedLayer> layers);

    /** DL4J's own training forward and backward pass: the parameter gradients by {@code layer/param}. */
    abstract Map<String, INDArray> dl4jGradients(Model model, INDArray input, INDArray lossGradient);

    /** The optimiser's state (Adam's moments), flat. */
    abstract INDArray updaterState(Model model);

    /** One step of DL4J's own {@code fit} on one batch; the network must end in a loss layer. */
    abstract void fit(Model model, INDArray input, INDArray labels);
}
