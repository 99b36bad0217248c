package dev.jvmgan.conditional;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The projection discriminator's output (Miyato &amp; Koyama 2018, eq. 3):
 * <pre>
 *   logit[b] = psi(h)[b] + &lt;embed(y)[b], h[b]&gt;,    embed(y) = onehot(y) V     (a dense layer without bias)
 * </pre>
 * Inputs, in order: psi(h) {@code [B, 1]}, the features h {@code [B, F]}, the class embedding {@code [B, F]};
 * output {@code [B, 1]}. No parameters of its own: V is the embedding layer's weight.
 */
public final class ProjectionVertex extends GraphVertex {

    @Override
    public ProjectionVertex clone() {
        return new ProjectionVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectionVertex;
    }

    @Override
    public int hashCode() {
        return ProjectionVertex.class.getName().hashCode();
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
        return new ProjectionVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return InputType.feedForward(1);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, ProjectionVertex.class, inputTypes[0], InputType.feedForward(1))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
