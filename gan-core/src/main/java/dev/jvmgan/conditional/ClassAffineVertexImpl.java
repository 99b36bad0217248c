package dev.jvmgan.conditional;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * {@link ClassAffineVertex} at work. Backward, with s = 1 + gain:
 * <pre>
 *   dx = eps * s      dgain[b, c] = sum_hw eps * x      dshift[b, c] = sum_hw eps
 * </pre>
 */
final class ClassAffineVertexImpl extends BaseGraphVertex {

    ClassAffineVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            INDArray scaled = Broadcast.mul(x, inputs[1].add(1.0), x.ulike(), 0, 1);
            return Broadcast.add(scaled, inputs[2], scaled, 0, 1);
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray dx = Broadcast.mul(epsilon, inputs[1].add(1.0), epsilon.ulike(), 0, 1);
            INDArray dGain = spatialSum(epsilon.mul(x));
            INDArray dShift = spatialSum(epsilon.dup());
            return new Pair<>(null, new INDArray[]{dx, dGain, dShift});
        }
    }

    /** [B, C, H, W] summed over H and W; [B, C] as it is. */
    private static INDArray spatialSum(INDArray a) {
        return a.rank() == 4 ? a.sum(2, 3) : a;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("ClassAffineVertex " + vertexName + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return maskArrays == null || maskArrays.length == 0 ? null : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "ClassAffineVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
    }
}
