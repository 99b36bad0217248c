package dev.jvmgan.backend;

import dev.jvmgan.fastops.ConvolutionBackward;
import dev.jvmgan.fastops.FastActivation;
import dev.jvmgan.fastops.Wanted;
import dev.jvmgan.convolution.OneDnnConvolutions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.memory.provider.BasicWorkspaceManager;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.bytedeco.javacpp.Pointer;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training forward and backward passes of a {@link MultiLayerNetwork} whose activations live in a workspace of the
 * network's own (its "arena") from one forward pass to the next, instead of in fresh memory every pass.
 *
 * <p>Why: DL4J's public {@code feedForward(true, false)} detaches every activation it keeps for the backward pass,
 * so every pass allocates (and the kernel zeroes) the whole activation memory again: about 55 MB per iteration of
 * the reference DCGAN at batch 64. DL4J's own {@code fit} avoids that with one workspace that is open across its
 * forward and backward pass, but its workspace names are shared by every network on a thread, and a GAN's
 * generator must keep its activations while the discriminator runs. So each network gets an arena under a name of
 * its own, opened by a forward pass and reset by the next one. The layers are driven as DL4J's own loops drive
 * them ({@code activate}/{@code backpropGradient} with a {@link LayerWorkspaceMgr}, preprocessors between).
 *
 * <p>The arena is left open between passes but is never the current workspace, so arrays created outside the
 * layers (losses, copies for the monitors, checkpoints) are ordinary memory, and it is kept out of ND4J's
 * per-thread registry ({@link ArenaWorkspaceMgr}), so DL4J's checks that no workspace is open, in its inference and
 * graph APIs, do not trip over it. Arrays a forward pass returns are valid until the next forward pass of the same
 * network. Not thread-safe; all passes on one thread.
 */
final class ArenaPasses {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    static final WorkspaceConfiguration ARENA = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();
    static final WorkspaceConfiguration WORKING = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.02)
            .policyLearning(LearningPolicy.OVER_TIME).cyclesBeforeInitialization(2)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();
    /** Shared by every network (and {@link GraphArenaPasses}): these workspaces are opened and closed within one pass. */
    static final String WORKING_ID = "jvmgan-working";
    private static final String EPSILON_EVEN = "jvmgan-epsilon-even";
    private static final String EPSILON_ODD = "jvmgan-epsilon-odd";

    private final MultiLayerNetwork net;
    private final String arenaId;
    private MemoryWorkspace arena;
    private LayerWorkspaceMgr forwardMgr;
    private LayerWorkspaceMgr backwardEven;
    private LayerWorkspaceMgr backwardOdd;
    /** The last forward pass's input and layer outputs (in the arena), which some layers' backward passes reuse. */
    private List<INDArray> lastForward;

    ArenaPasses(MultiLayerNetwork net) {
        this.net = net;
        this.arenaId = "jvmgan-arena-" + NEXT_ID.getAndIncrement();
    }

    /** On first use, on the training thread: workspaces belong to the thread that creates them. */
    private void createArena() {
        arena = unregistered(ARENA, arenaId);
        forwardMgr = ArenaWorkspaceMgr.of(arena, EnumSet.of(ArrayType.ACTIVATIONS, ArrayType.INPUT),
                Map.of(ArrayType.FF_WORKING_MEM, WORKING_ID, ArrayType.RNN_FF_LOOP_WORKING_MEM, WORKING_ID), WORKING);
        backwardEven = backwardMgr(EPSILON_EVEN);
        backwardOdd = backwardMgr(EPSILON_ODD);
        Map<String, Pointer> helpers = helperWorkspaces(net);
        for (LayerWorkspaceMgr mgr : List.of(forwardMgr, backwardEven, backwardOdd)) {
            mgr.setHelperWorkspacePointers(helpers);
        }
    }

    private LayerWorkspaceMgr backwardMgr(String epsilonId) {
        // Activations recomputed inside a layer's backprop are working memory there, as in DL4J's own loop.
        return ArenaWorkspaceMgr.of(arena, EnumSet.of(ArrayType.INPUT), Map.of(
                ArrayType.ACTIVATIONS, WORKING_ID, ArrayType.ACTIVATION_GRAD, epsilonId,
                ArrayType.FF_WORKING_MEM, WORKING_ID, ArrayType.BP_WORKING_MEM, WORKING_ID,
                ArrayType.RNN_FF_LOOP_WORKING_MEM, WORKING_ID, ArrayType.RNN_BP_LOOP_WORKING_MEM, WORKING_ID), WORKING);
    }

    /**
     * A workspace outside ND4J's per-thread registry: {@code createNewWorkspace} registers what it creates, so the
     * entry is taken out again. Backend-neutral: the backend's own workspace class is created as usual.
     */
    @SuppressWarnings("unchecked")
    static MemoryWorkspace unregistered(WorkspaceConfiguration config, String id) {
        MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
        MemoryWorkspace workspace = manager.createNewWorkspace(config, id);
        try {
            Field field = BasicWorkspaceManager.class.getDeclaredField("backingMap");
            field.setAccessible(true);
            ((ThreadLocal<Map<String, MemoryWorkspace>>) field.get(manager)).get().remove(id);
        } catch (ReflectiveOperationException | RuntimeException e) {
            manager.destroyWorkspace(workspace);
            throw new UnsupportedOperationException("cannot keep workspace " + id + " out of ND4J's registry ("
                    + manager.getClass().getName() + "): " + e, e);
        }
        return workspace;
    }

    /** The network's scratch memory for cuDNN helpers (unused on the CPU), which DL4J's own loops hand the layers. */
    @SuppressWarnings("unchecked")
    private static Map<String, Pointer> helperWorkspaces(MultiLayerNetwork net) {
        try {
            Field field = MultiLayerNetwork.class.getDeclaredField("helperWorkspaces");
            field.setAccessible(true);
            return (Map<String, Pointer>) field.get(net);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new HashMap<>();
        }
    }

    /**
     * Training-mode forward pass; every layer keeps its input (in the arena) for {@link #backward}.
     *
     * @throws UnsupportedOperationException on the first pass, before anything ran, if this ND4J backend's
     *                                       workspace manager cannot hold an arena (the caller then uses DL4J's own
     *                                       passes)
     * @return the network input followed by each layer's output, as DL4J's {@code feedForward} lists them
     */
    List<INDArray> forward(INDArray input) {
        net.setInput(input); // sets the layers' mini-batch size, as DL4J's feedForward does
        openFreshArena();
        List<INDArray> activations = new ArrayList<>(net.getnLayers() + 1);
        activations.add(input);
        INDArray x = input;
        Layer[] layers = net.getLayers();
        int batch = (int) input.size(0);
        for (int i = 0; i < layers.length; i++) {
            try (MemoryWorkspace working = forwardMgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pre != null) {
                    x = pre.preProcess(x, batch, forwardMgr);
                }
                x = FastActivation.handles(layers[i], x) ? FastActivation.forward(layers[i], x, forwardMgr)
                        : OneDnnConvolutions.activate(layers[i], x, forwardMgr);
                // A layer that returns its output in working memory (which the next layer reuses) gets it copied
                // into the arena, where DL4J's own loop would have thrown.
                x = forwardMgr.validateArrayLocation(ArrayType.ACTIVATIONS, x, true, false);
                activations.add(x);
            }
        }
        lastForward = activations;
        return activations;
    }

    /**
     * Backpropagates dLoss/dOutput through the last {@link #forward}, writing parameter gradients into the network's
     * gradient view (overwriting it) as DL4J's {@code backpropGradient} does.
     *
     * With {@link Wanted#INPUT} every layer is asked for its input gradient alone; with {@link Wanted#PARAMETERS} the
     * first layer for its parameter gradients alone (the others need their input gradients to pass on).
     *
     * @return the gradient, keyed {@code "<layer index>_<param>"} in DL4J's order, and dLoss/dInput (detached; null
     *         if the first layer skipped it)
     */
    Pair<Gradient, INDArray> backward(INDArray lossGradient, Wanted wanted) {
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        Layer[] layers = net.getLayers();
        int batch = (int) lossGradient.size(0);
        List<Object[]> gradients = new ArrayList<>();
        INDArray epsilon = lossGradient;
        MemoryWorkspace initial = Nd4j.getMemoryManager().getCurrentWorkspace();
        MemoryWorkspace closeNext = null;
        MemoryWorkspace epsilonScope = null;
        try {
            for (int i = layers.length - 1; i >= 0; i--) {
                if (layers[i] instanceof FrozenLayer) {
                    break; // as DL4J's own backward: nothing below a frozen layer learns
                }
                final int index = i;
                LayerWorkspaceMgr mgr = i % 2 == 0 ? backwardEven : backwardOdd;
                // The epsilon workspaces alternate: layer i reads what layer i+1 wrote, then that one can reset.
                epsilonScope = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                try (MemoryWorkspace working = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                    epsilonScope.setPreviousWorkspace(initial);
                    working.setPreviousWorkspace(initial);
                    Wanted layerWanted = wanted == Wanted.PARAMETERS && i > 0 ? Wanted.ALL : wanted;
                    Pair<Gradient, INDArray> step = FastActivation.handles(layers[i], layers[i].input())
                            ? FastActivation.backward(layers[i], epsilon, mgr)
                            : ConvolutionBackward.backprop(layers[i], lastForward == null ? null
                                    : lastForward.get(i + 1), epsilon, mgr, layerWanted);
                    // Keys and order as DL4J's calcBackpropGradients gives them.
                    step.getFirst().gradientForVariable().forEach((param, g) -> gradients.add(new Object[] {
                            index + "_" + param, g, step.getFirst().flatteningOrderForVariable(param)}));
                    epsilon = step.getSecond();
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre != null && epsilon != null) {
                        epsilon = pre.backprop(epsilon, batch, mgr);
                    }
                    if (epsilon != null) {
                        epsilon = mgr.validateArrayLocation(ArrayType.ACTIVATION_GRAD, epsilon, true, false);
                    }
                    if (i == 0 && epsilon != null) {
                        epsilon = epsilon.detach();
                    }
                }
                if (closeNext != null) {
                    closeNext.close();
                }
                closeNext = epsilonScope;
                epsilonScope = null;
            }
        } finally {
            if (closeNext != null) {
                closeNext.close();
            }
            if (epsilonScope != null) {
                epsilonScope.close();
            }
            Nd4j.getMemoryManager().setCurrentWorkspace(initial);
        }
        Gradient gradient = new DefaultGradient(net.getGradientsViewArray());
        for (Object[] g : gradients) {
            gradient.setGradientFor((String) g[0], (INDArray) g[1], (Character) g[2]);
        }
        return new Pair<>(gradient, epsilon);
    }

    /** Ends the previous pass's arena scope (its arrays are dead from here) and opens a new one, not current. */
    private void openFreshArena() {
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        if (arena == null) {
            createArena();
        } else if (arena.isScopeActive()) {
            arena.close();
        }
        arena.notifyScopeEntered();
        arena.setPreviousWorkspace(current);
        Nd4j.getMemoryManager().setCurrentWorkspace(current);
    }
}
