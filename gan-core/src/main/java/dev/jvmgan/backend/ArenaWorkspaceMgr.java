package dev.jvmgan.backend;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LayerWorkspaceMgr} that puts some array types into one workspace object of its own (the arena) instead
 * of a workspace looked up by name in ND4J's per-thread registry. The arena is not in that registry, so DL4J's
 * "no workspace may be open" checks in its public APIs (inference, graphs, another network's passes) do not see
 * it while it holds a network's activations between its forward and backward pass. Every other array type behaves
 * as in DL4J.
 */
final class ArenaWorkspaceMgr extends LayerWorkspaceMgr {
    private final MemoryWorkspace arena;
    private final Set<ArrayType> arenaTypes;

    private ArenaWorkspaceMgr(MemoryWorkspace arena, Set<ArrayType> arenaTypes, Map<ArrayType, String> names,
                              Map<ArrayType, WorkspaceConfiguration> configs) {
        super(EnumSet.noneOf(ArrayType.class), configs, names);
        this.arena = arena;
        this.arenaTypes = EnumSet.copyOf(arenaTypes);
    }

    /**
     * @param arena      the workspace that holds {@code arenaTypes}
     * @param arenaTypes array types that go into the arena
     * @param others     every other array type a layer may ask for, with the (registered) workspace it uses
     */
    static ArenaWorkspaceMgr of(MemoryWorkspace arena, Set<ArrayType> arenaTypes,
                                Map<ArrayType, String> others, WorkspaceConfiguration othersConfig) {
        Map<ArrayType, String> names = new HashMap<>(others);
        Map<ArrayType, WorkspaceConfiguration> configs = new HashMap<>();
        others.keySet().forEach(t -> configs.put(t, othersConfig));
        for (ArrayType t : arenaTypes) {
            names.put(t, arena.getId());
            configs.put(t, arena.getWorkspaceConfiguration());
        }
        return new ArenaWorkspaceMgr(arena, arenaTypes, names, configs);
    }

    private boolean inArena(ArrayType type) {
        return arenaTypes.contains(type);
    }

    private MemoryWorkspace borrowArena() {
        if (!arena.isScopeActive()) {
            throw new IllegalStateException("arena " + arena.getId() + " is not open: a backward pass needs the "
                    + "forward pass before it");
        }
        return arena.notifyScopeBorrowed();
    }

    @Override
    public MemoryWorkspace notifyScopeEntered(ArrayType type) {
        return inArena(type) ? borrowArena() : super.notifyScopeEntered(type);
    }

    @Override
    public MemoryWorkspace notifyScopeBorrowed(ArrayType type) {
        return inArena(type) ? borrowArena() : super.notifyScopeBorrowed(type);
    }

    @Override
    public boolean isWorkspaceOpen(ArrayType type) {
        return inArena(type) ? arena.isScopeActive() : super.isWorkspaceOpen(type);
    }

    @Override
    public INDArray leverageTo(ArrayType type, INDArray array) {
        if (!inArena(type)) {
            return super.leverageTo(type, array);
        }
        if (array == null || !array.isAttached() || array.data().getParentWorkspace() == arena) {
            return array;
        }
        try (MemoryWorkspace ws = borrowArena()) {
            return array.dup(array.ordering());
        }
    }

    @Override
    public INDArray validateArrayLocation(ArrayType type, INDArray array, boolean migrateIfInvalid,
                                          boolean exceptionIfDetached) {
        if (!inArena(type)) {
            return super.validateArrayLocation(type, array, migrateIfInvalid, exceptionIfDetached);
        }
        return migrateIfInvalid ? leverageTo(type, array) : array;
    }

    @Override
    public INDArray create(ArrayType type, DataType dataType, long... shape) {
        return create(type, dataType, shape, Nd4j.order());
    }

    @Override
    public INDArray create(ArrayType type, DataType dataType, long[] shape, char order) {
        if (!inArena(type)) {
            return super.create(type, dataType, shape, order);
        }
        try (MemoryWorkspace ws = borrowArena()) {
            return Nd4j.create(dataType, shape, order);
        }
    }

    @Override
    public INDArray createUninitialized(ArrayType type, DataType dataType, long... shape) {
        return createUninitialized(type, dataType, shape, Nd4j.order());
    }

    @Override
    public INDArray createUninitialized(ArrayType type, DataType dataType, long[] shape, char order) {
        if (!inArena(type)) {
            return super.createUninitialized(type, dataType, shape, order);
        }
        try (MemoryWorkspace ws = borrowArena()) {
            return Nd4j.createUninitialized(dataType, shape, order);
        }
    }

    @Override
    public INDArray dup(ArrayType type, INDArray toDup) {
        return dup(type, toDup, toDup.ordering());
    }

    @Override
    public INDArray dup(ArrayType type, INDArray toDup, char order) {
        if (!inArena(type)) {
            return super.dup(type, toDup, order);
        }
        try (MemoryWorkspace ws = borrowArena()) {
            return toDup.dup(order);
        }
    }

    @Override
    public INDArray castTo(ArrayType type, DataType dataType, INDArray toCast, boolean dupIfCorrectType) {
        if (!inArena(type)) {
            return super.castTo(type, dataType, toCast, dupIfCorrectType);
        }
        if (toCast.dataType() == dataType) {
            return dupIfCorrectType ? dup(type, toCast) : leverageTo(type, toCast);
        }
        try (MemoryWorkspace ws = borrowArena()) {
            return toCast.castTo(dataType);
        }
    }
}
