package dev.jvmgan.spark;

import dev.jvmgan.backend.TrainableNetwork;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's training state as flat float arrays, DL4J's own layouts: the parameter vector ({@code params()}, W_orig
 * in spectrally normalised layers, batch norm's running statistics included) and the updater's state vector (Adam's
 * m and v of every parameter). What a round sends and averages; set back in place, so DL4J's views stay valid.
 */
final class NetworkArrays {
    private NetworkArrays() {
    }

    static float[] params(TrainableNetwork network) {
        return network.params().toFloatVector();
    }

    /** The optimiser's state; empty for an updater without state (SGD). */
    static float[] updaterState(TrainableNetwork network) {
        INDArray state = updaterView(network.model());
        return state == null ? new float[0] : state.toFloatVector();
    }

    static void setParams(TrainableNetwork network, float[] values) {
        assign(network.params(), values, "parameters");
    }

    static void setUpdaterState(TrainableNetwork network, float[] values) {
        INDArray state = updaterView(network.model());
        if (state == null) {
            if (values.length != 0) {
                throw new IllegalArgumentException("optimiser state of " + values.length + " values for a network "
                        + "without one");
            }
            return;
        }
        assign(state, values, "optimiser state");
    }

    /** The updates the optimiser has taken (Adam's t, which its bias correction reads). */
    static int updateCount(TrainableNetwork network) {
        return (int) network.updateCount();
    }

    static void setUpdateCount(TrainableNetwork network, int count) {
        Model model = network.model();
        if (model instanceof MultiLayerNetwork mln) {
            mln.setIterationCount(count);
        } else if (model instanceof ComputationGraph graph) {
            graph.getConfiguration().setIterationCount(count);
        } else {
            throw new IllegalArgumentException("not a DL4J network: " + model.getClass().getName());
        }
    }

    private static INDArray updaterView(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return mln.getUpdater(true).getStateViewArray();
        } else if (model instanceof ComputationGraph graph) {
            return graph.getUpdater(true).getStateViewArray();
        }
        throw new IllegalArgumentException("not a DL4J network: " + model.getClass().getName());
    }

    private static void assign(INDArray target, float[] values, String what) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException(what + ": " + values.length + " values for a network with "
                    + target.length() + "; the partitions built another architecture than the driver");
        }
        target.assign(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
    }
}
