package dev.jvmgan.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.backend.NativeBackend;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint: one zip holding both networks as DL4J model zips with their updater state, the
 * counters, the resolved config that made them (provenance: a checkpoint alone can be sampled from or resumed),
 * and the rest of the training state an exact resume needs ({@link #resumeState()}: random generators, data order,
 * the monitors' history, ...). Each network is a {@link MultiLayerNetwork} or a {@link ComputationGraph}, and is
 * read back as the kind it was written.
 *
 * <p>Written to a temporary file in the same directory, forced to disk, renamed, and the directory forced too, so
 * a crash or a {@code kill -9} at any moment leaves either the previous file or the complete new one, never a torn
 * one. A failed write (a full disk) deletes its temporary file and leaves every older file as it was.
 *
 * @param resumeState named JSON parts, one per stateful component of training; empty in a checkpoint that can be
 *                    sampled from but not resumed
 */
public record Checkpoint(Model generator, Model discriminator, State state, String configYaml,
                         Map<String, JsonNode> resumeState) {
    static final String GENERATOR = "generator.zip";
    static final String DISCRIMINATOR = "discriminator.zip";
    static final String STATE = "state.json";
    static final String CONFIG = "config.yaml";
    static final String RESUME = "resume.json";
    /** Prefix and suffix of the temporary files writes go through ({@code .iter-0001000.zip12345.tmp}). */
    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Checkpoint {
        resumeState = Map.copyOf(resumeState);
    }

    /** A checkpoint without resume state. */
    public Checkpoint(Model generator, Model discriminator, State state, String configYaml) {
        this(generator, discriminator, state, configYaml, Map.of());
    }

    /** Counters that place a checkpoint in training. */
    public record State(long iteration, long imagesSeen, String createdBy) {
    }

    /** Where a write's bytes go: the file system normally, a failing stream in tests of a full disk. */
    interface Sink {
        OutputStream open(Path file) throws IOException;
    }

    /** Writes atomically to {@code file}, replacing an older file of that name only once the new one is whole. */
    public void write(Path file) throws IOException {
        write(file, HeldWrite.fromSystemProperty().map(hold -> (Sink) hold::open).orElse(Files::newOutputStream));
    }

    void write(Path file, Sink sink) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX + file.getFileName(), TEMP_SUFFIX);
        try {
            try (OutputStream raw = sink.open(tmp);
                 ZipOutputStream zip = new ZipOutputStream(raw)) {
                putEntry(zip, STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
                putEntry(zip, CONFIG, configYaml.getBytes(StandardCharsets.UTF_8));
                if (!resumeState.isEmpty()) {
                    putEntry(zip, RESUME, JSON.writeValueAsBytes(new TreeMap<>(resumeState)));
                }
                putEntry(zip, GENERATOR, modelBytes(generator));
                putEntry(zip, DISCRIMINATOR, modelBytes(discriminator));
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Checkpoints.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a checkpoint written by {@link #write}; {@code withUpdaters} false skips optimiser state (sampling).
     * Starts the backend first: DL4J gives a layer its oneDNN or cuDNN helper only when the helpers are switched on
     * before the layer is built, and a network loaded without them trains slower and rounds differently.
     */
    public static Checkpoint read(Path file, boolean withUpdaters) throws IOException {
        NativeBackend.initialise();
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a checkpoint (not a zip file: " + e.getMessage() + ")", e);
        }
        for (String required : new String[]{STATE, CONFIG, GENERATOR, DISCRIMINATOR}) {
            if (!entries.containsKey(required)) {
                throw new IOException(file + " is not a checkpoint of this toolkit: it has no " + required);
            }
        }
        State state = JSON.readValue(entries.get(STATE), State.class);
        Map<String, JsonNode> resume = new TreeMap<>();
        if (entries.containsKey(RESUME)) {
            JSON.readTree(entries.get(RESUME)).fields().forEachRemaining(e -> resume.put(e.getKey(), e.getValue()));
        }
        Model g = restore(file, GENERATOR, entries.get(GENERATOR), withUpdaters);
        Model d = restore(file, DISCRIMINATOR, entries.get(DISCRIMINATOR), withUpdaters);
        return new Checkpoint(g, d, state, new String(entries.get(CONFIG), StandardCharsets.UTF_8), resume);
    }

    /**
     * A DL4J model zip as the kind of network it holds: a graph configuration lists {@code vertices}, a
     * multi-layer one {@code confs}.
     */
    private static Model restore(Path file, String entry, byte[] model, boolean withUpdater) throws IOException {
        byte[] json = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(model))) {
            for (ZipEntry e = zip.getNextEntry(); e != null && json == null; e = zip.getNextEntry()) {
                if (e.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    json = zip.readAllBytes();
                }
            }
        }
        if (json == null) {
            throw new IOException(file + "!/" + entry + " is not a DL4J model: it has no "
                    + ModelSerializer.CONFIGURATION_JSON);
        }
        JsonNode conf = JSON.readTree(json);
        if (conf.has("vertices")) {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model), withUpdater);
        } else if (conf.has("confs")) {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), withUpdater);
        }
        throw new IOException(file + "!/" + entry + " holds neither a MultiLayerNetwork nor a ComputationGraph "
                + "configuration (no 'confs' or 'vertices' in " + ModelSerializer.CONFIGURATION_JSON + ")");
    }

    private static byte[] modelBytes(Model net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return bytes.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
