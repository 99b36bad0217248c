package dev.jvmgan.backend;

import dev.jvmgan.fastops.ConvolutionBackward;
import dev.jvmgan.fastops.Wanted;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.FrozenVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.common.primitives.Triple;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training forward and backward passes of a {@link ComputationGraph} whose vertex outputs live in a workspace of the
 * graph's own (its arena) from one forward pass to the next: {@link ArenaPasses} for graphs.
 *
 * <p>The vertices run in topological order as DL4J 1.0.0-M2.1's {@code ffToLayerActivationsDetached} (forward) and
 * {@code calcBackpropGradients} (backward) run them, with the same calls in the same order, so the arithmetic is
 * bitwise DL4J's; only where the arrays live differs. Backward goes in reverse topological order; a vertex that feeds
 * several others (a residual connection) gets the sum of their epsilons, {@code eps_v = sum_c eps_{c->v}}, added in
 * place in the order DL4J adds them. Each vertex's epsilons go into one of a pool of small workspaces, closed as soon
 * as every vertex they feed has consumed them, as in DL4J; the pool's names are shared by all networks because each
 * backward pass closes all of them. A frozen layer (or {@link FrozenVertex}) passes no epsilon on, as in DL4J.
 *
 * <p>The arena is opened by a forward pass and reset by the next one of the same graph, so the arrays a forward pass
 * returns (and every vertex's output, which {@link GraphPasses#layerInputs()} hands to the monitors) are valid until
 * the next forward pass of the same graph. The input gradient {@link #backward} returns is the caller's. Not
 * thread-safe; all passes on one thread.
 *
 * <p>What it does not drive ({@link #unsupported}): a vertex class that is neither DL4J's own nor gan-core's
 * conditional vertices (a vertex of the user's own may keep arrays for its backward pass outside the workspace
 * manager, which was harmless without workspaces and would not be here), and a graph with a cache mode (its caches
 * have no workspace here). {@link GraphPasses} then uses DL4J's own passes.
 */
final class GraphArenaPasses {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    /** The pool of epsilon workspaces: slot k is {@code jvmgan-graph-epsilon-k} on every network. */
    private static final String EPSILON_PREFIX = "jvmgan-graph-epsilon-";
    private static final Set<String> GAN_CORE_VERTICES = Set.of(
            "dev.jvmgan.conditional.ClassAffineVertexImpl", "dev.jvmgan.conditional.ProjectionVertexImpl");

    private final ComputationGraph graph;
    private final String arenaId;
    private final int[] order;
    /** By vertex index: the backward step after which its epsilon workspace is no longer needed, as DL4J's. */
    private final int[] epsilonsConsumedByStep;
    private MemoryWorkspace arena;
    private LayerWorkspaceMgr forwardMgr;
    private final List<LayerWorkspaceMgr> backwardMgrs = new ArrayList<>();
    /** The last forward pass's vertex outputs (in the arena), which some layers' backward passes reuse. */
    private Map<String, INDArray> lastForward;

    GraphArenaPasses(ComputationGraph graph) {
        this.graph = graph;
        this.arenaId = "jvmgan-graph-arena-" + NEXT_ID.getAndIncrement();
        this.order = graph.topologicalSortOrder();
        this.epsilonsConsumedByStep = epsilonsConsumedByStep(graph, order);
    }

    /** Why the arena cannot drive this graph, or empty if it can. */
    static Optional<String> unsupported(ComputationGraph graph) {
        if (graph.getConfiguration().getCacheMode() != null && graph.getConfiguration().getCacheMode() != CacheMode.NONE) {
            return Optional.of("cache mode " + graph.getConfiguration().getCacheMode());
        }
        for (GraphVertex vertex : graph.getVertices()) {
            String type = vertex.getClass().getName();
            if (!vertex.getClass().getPackageName().startsWith("org.deeplearning4j.nn.graph.vertex.impl")
                    && !GAN_CORE_VERTICES.contains(type)) {
                return Optional.of("vertex '" + vertex.getVertexName() + "' is a " + type
                        + " (the arena drives DL4J's own vertices and gan-core's)");
            }
        }
        return Optional.empty();
    }

    /** DL4J's {@code vertexActGradsFullyConsumedByStep}: the earliest topological step of a vertex's inputs. */
    private static int[] epsilonsConsumedByStep(ComputationGraph graph, int[] order) {
        int[] stepOf = new int[order.length];
        for (int step = 0; step < order.length; step++) {
            stepOf[order[step]] = step;
        }
        int[] consumedBy = new int[order.length];
        for (GraphVertex vertex : graph.getVertices()) {
            int earliest = Integer.MAX_VALUE;
            if (vertex.getInputVertices() != null) {
                for (VertexIndices input : vertex.getInputVertices()) {
                    earliest = Math.min(earliest, stepOf[input.getVertexIndex()]);
                }
            }
            consumedBy[vertex.getVertexIndex()] = earliest == Integer.MAX_VALUE ? 0 : earliest;
        }
        return consumedBy;
    }

    /** On first use, on the training thread: workspaces belong to the thread that creates them. */
    private void createArena() {
        arena = ArenaPasses.unregistered(ArenaPasses.ARENA, arenaId);
        forwardMgr = ArenaWorkspaceMgr.of(arena, EnumSet.of(ArrayType.ACTIVATIONS, ArrayType.INPUT),
                Map.of(ArrayType.FF_WORKING_MEM, ArenaPasses.WORKING_ID,
                        ArrayType.RNN_FF_LOOP_WORKING_MEM, ArenaPasses.WORKING_ID), ArenaPasses.WORKING);
        forwardMgr.setHelperWorkspacePointers(graph.getHelperWorkspaces());
    }

    /** Slot k of the epsilon pool, created on first use. */
    private LayerWorkspaceMgr backwardMgr(int slot) {
        while (backwardMgrs.size() <= slot) {
            String working = ArenaPasses.WORKING_ID;
            // Activations recomputed inside a vertex's backprop are working memory there, as in DL4J's own loop.
            LayerWorkspaceMgr mgr = ArenaWorkspaceMgr.of(arena, EnumSet.of(ArrayType.INPUT), Map.of(
                    ArrayType.ACTIVATIONS, working, ArrayType.ACTIVATION_GRAD, EPSILON_PREFIX + backwardMgrs.size(),
                    ArrayType.FF_WORKING_MEM, working, ArrayType.BP_WORKING_MEM, working,
                    ArrayType.RNN_FF_LOOP_WORKING_MEM, working, ArrayType.RNN_BP_LOOP_WORKING_MEM, working),
                    ArenaPasses.WORKING);
            mgr.setHelperWorkspacePointers(graph.getHelperWorkspaces());
            backwardMgrs.add(mgr);
        }
        return backwardMgrs.get(slot);
    }

    /**
     * Training-mode forward pass; every vertex keeps its inputs (in the arena) for {@link #backward}.
     *
     * @throws UnsupportedOperationException on the first pass, before anything ran, if this ND4J backend's
     *                                       workspace manager cannot hold an arena (the caller then uses DL4J's own
     *                                       passes)
     * @return every vertex's output by vertex name, the inputs included, as DL4J's {@code feedForward} maps them
     */
    Map<String, INDArray> forward(INDArray[] inputs) {
        graph.setInputs(inputs); // the batch size preprocessors read, as DL4J's feedForward sets it
        graph.setLayerMaskArrays(graph.getInputMaskArrays(), graph.getLabelMaskArrays());
        openFreshArena();
        Map<String, INDArray> activations = new HashMap<>();
        List<String> inputNames = graph.getConfiguration().getNetworkInputs();
        for (int i = 0; i < inputs.length; i++) {
            activations.put(inputNames.get(i), inputs[i]);
        }
        GraphVertex[] vertices = graph.getVertices();
        for (int index : order) {
            GraphVertex current = vertices[index];
            try (MemoryWorkspace working = forwardMgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                INDArray out;
                if (current.isInputVertex()) {
                    out = inputs[current.getVertexIndex()];
                } else {
                    out = current.doForward(true, forwardMgr);
                    // An output left in working memory (which the next vertex reuses) is copied into the arena,
                    // where DL4J's own loop would have thrown.
                    out = forwardMgr.validateArrayLocation(ArrayType.ACTIVATIONS, out, true, false);
                }
                activations.put(current.getVertexName(), out);
                if (current.getOutputVertices() != null) {
                    for (VertexIndices to : current.getOutputVertices()) {
                        vertices[to.getVertexIndex()].setInput(to.getVertexEdgeNumber(), out, forwardMgr);
                    }
                }
            }
        }
        lastForward = activations;
        return activations;
    }

    /**
     * Backpropagates dLoss/dOutput through the last {@link #forward}, writing the parameter gradients into the
     * graph's gradient view (overwriting it) as DL4J's {@code calcBackpropGradients} does.
     *
     * With {@link Wanted#INPUT} every vertex is asked for its input gradients alone; {@link Wanted#PARAMETERS} is
     * {@link Wanted#ALL} here.
     *
     * @return the gradient, keyed {@code "<vertex>_<param>"} in DL4J's order, and dLoss/dInput of the first input
     *         (a copy outside every workspace)
     * @throws IllegalStateException if no gradient reaches the first input
     */
    Pair<Gradient, INDArray> backward(INDArray lossGradient, Wanted wanted) {
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        GraphVertex[] vertices = graph.getVertices();
        String firstInput = graph.getConfiguration().getNetworkInputs().get(0);
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        LinkedList<Triple<String, INDArray, Character>> gradients = new LinkedList<>();
        boolean[] epsilonSet = new boolean[order.length];
        List<MemoryWorkspace>[] closeAfterStep = newListArray(order.length);
        Map<MemoryWorkspace, Integer> openSlots = new IdentityHashMap<>();
        List<Integer> freeSlots = new ArrayList<>(); // a stack, as DL4J's free workspace managers
        int slotsUsed = 0;
        INDArray inputGradient = null;
        MemoryWorkspace initial = Nd4j.getMemoryManager().getCurrentWorkspace();
        try {
            for (int step = order.length - 1; step >= 0; step--) {
                GraphVertex current = vertices[order[step]];
                boolean frozen = current.hasLayer() && current.getLayer() instanceof FrozenLayer
                        || current instanceof FrozenVertex;
                if (current.isInputVertex() || frozen) {
                    if (current.getVertexName().equals(firstInput)) {
                        inputGradient = copyOutOfWorkspaces(current.getEpsilon());
                    }
                    closeConsumed(closeAfterStep, step, openSlots, freeSlots);
                    continue;
                }
                int slot = freeSlots.isEmpty() ? slotsUsed++ : freeSlots.remove(freeSlots.size() - 1);
                LayerWorkspaceMgr mgr = backwardMgr(slot);
                if (current.getVertexName().equals(output)) {
                    current.setEpsilon(lossGradient);
                    epsilonSet[order[step]] = true;
                }
                MemoryWorkspace epsilons = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                openSlots.put(epsilons, slot);
                // Epsilon workspaces close out of nesting order, so each returns to the workspace before the pass.
                epsilons.setPreviousWorkspace(initial);
                int closeable = epsilonsConsumedByStep[current.getVertexIndex()];
                if (closeAfterStep[closeable] == null) {
                    closeAfterStep[closeable] = new ArrayList<>();
                }
                closeAfterStep[closeable].add(epsilons);

                Pair<Gradient, INDArray[]> result;
                try (MemoryWorkspace working = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                    result = ConvolutionBackward.backprop(current,
                            lastForward == null ? null : lastForward.get(current.getVertexName()), mgr,
                            wanted == Wanted.INPUT ? Wanted.INPUT : Wanted.ALL);
                    INDArray[] out = result.getSecond();
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] != null) { // null for an embedding layer's input, as in DL4J
                            out[i] = mgr.validateArrayLocation(ArrayType.ACTIVATION_GRAD, out[i], true, false);
                        }
                    }
                }
                passEpsilonsOn(vertices, current, result.getSecond(), epsilonSet);
                collect(current, result.getFirst(), gradients);
                closeConsumed(closeAfterStep, step, openSlots, freeSlots);
                Nd4j.getMemoryManager().setCurrentWorkspace(initial);
            }
        } finally {
            for (MemoryWorkspace open : openSlots.keySet()) {
                open.close();
            }
            // The epsilons pointed into the pool, which is closed now.
            for (GraphVertex vertex : vertices) {
                vertex.setEpsilon(null);
            }
            Nd4j.getMemoryManager().setCurrentWorkspace(initial);
        }
        if (inputGradient == null) {
            throw new IllegalStateException("no gradient reached input vertex '" + firstInput + "': a frozen layer or a "
                    + "layer without an input gradient (e.g. an embedding) is on every path from it to the output");
        }
        Gradient gradient = new DefaultGradient(graph.getFlattenedGradients());
        for (Triple<String, INDArray, Character> g : gradients) {
            gradient.setGradientFor(g.getFirst(), g.getSecond(), g.getThird());
        }
        graph.setGradient(gradient);
        return new Pair<>(gradient, inputGradient);
    }

    /** Sets (first consumer) or adds (every further one) the epsilon of each vertex that feeds {@code current}. */
    private static void passEpsilonsOn(GraphVertex[] vertices, GraphVertex current, INDArray[] epsilons,
                                       boolean[] epsilonSet) {
        if (current.getInputVertices() == null) {
            return;
        }
        int j = 0;
        for (VertexIndices input : current.getInputVertices()) {
            GraphVertex from = vertices[input.getVertexIndex()];
            if (epsilonSet[from.getVertexIndex()]) {
                INDArray sum = from.getEpsilon();
                // DL4J's own quirk, kept for the same bits: a null epsilon consumes no entry of the array.
                from.setEpsilon(sum == null ? null : sum.addi(epsilons[j++]));
            } else {
                from.setEpsilon(epsilons[j++]);
            }
            epsilonSet[from.getVertexIndex()] = true;
        }
    }

    /** DL4J's key order: each vertex's gradients reversed, vertices in topological order. */
    private static void collect(GraphVertex current, Gradient gradient,
                                LinkedList<Triple<String, INDArray, Character>> into) {
        if (gradient == null) {
            return;
        }
        LinkedList<Triple<String, INDArray, Character>> vertex = new LinkedList<>();
        gradient.gradientForVariable().forEach((param, g) -> vertex.addFirst(
                new Triple<>(current.getVertexName() + "_" + param, g, gradient.flatteningOrderForVariable(param))));
        vertex.forEach(into::addFirst);
    }

    private static void closeConsumed(List<MemoryWorkspace>[] closeAfterStep, int step,
                                      Map<MemoryWorkspace, Integer> openSlots, List<Integer> freeSlots) {
        if (closeAfterStep[step] != null) {
            for (MemoryWorkspace consumed : closeAfterStep[step]) {
                consumed.close();
                freeSlots.add(openSlots.remove(consumed));
            }
            closeAfterStep[step] = null;
        }
    }

    private static INDArray copyOutOfWorkspaces(INDArray epsilon) {
        if (epsilon == null) {
            return null;
        }
        try (MemoryWorkspace none = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return epsilon.dup();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<MemoryWorkspace>[] newListArray(int length) {
        return (List<MemoryWorkspace>[]) new List[length];
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
