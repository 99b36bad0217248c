package dev.jvmgan.conditional;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The class-dependent affine half of conditional batch norm (de Vries et al. 2017; StudioGAN's
 * {@code ConditionalBatchNorm2d}), after a batch norm whose own gamma and beta are locked at 1 and 0:
 * <pre>
 *   out[b, c, ...] = x[b, c, ...] * (1 + gain[b, c]) + shift[b, c]
 *   gain = onehot(y) W_gain,  shift = onehot(y) W_shift        (dense layers without bias on the label input)
 * </pre>
 * Inputs, in order: x as {@code [B, C]} or {@code [B, C, H, W]}, gain {@code [B, C]}, shift {@code [B, C]}. The
 * "1 +" makes a zero-initialised or small gain start as plain batch norm, as StudioGAN does. No parameters of its
 * own: the per-class gains and shifts are the two dense layers' weights, which the monitors and optimiser see as
 * any layer's.
 */
public final class ClassAffineVertex extends GraphVertex {

    @Override
    public ClassAffineVertex clone() {
        return new ClassAffineVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassAffineVertex;
    }

    @Override
    public int hashCode() {
        return ClassAffineVertex.class.getName().hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 3;
    }

    @Override
    public int maxVertexInputs() {
        return 3;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray paramsView, boolean initializeParams,
                                                                       DataType networkDatatype) {
        return new ClassAffineVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, ClassAffineVertex.class, inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
