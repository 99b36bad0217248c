package dev.jvmgan.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.config.Precision;
import dev.jvmgan.convolution.OneDnnConvolutions;
import dev.jvmgan.spectral.SpectralNormState;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint: one zip holding both networks as DL4J model zips with their updater state, the
 * counters, the resolved config that made them (provenance: a checkpoint alone can be sampled from or resumed),
 * and the rest of the training state an exact resume needs ({@link #resumeState()}: random generators, data order,
 * the monitors' history, ...). Each network is a {@link MultiLayerNetwork} or a {@link ComputationGraph}, and is
 * read back as the kind it was written. With {@code train.ema}, the generator's moving average too
 * ({@code generator-ema.zip}, parameters only); with spectral normalisation, the networks hold W_orig and
 * {@code spectral-norm.json} the power iterations' u and v ({@link #spectralNorm()}), so that a network read back
 * computes with the same W_orig / sigma.
 *
 * <p>To draw images, {@link #generator(boolean)}: the moving average if there is one, with its spectral norm.
 *
 * <p>Written to a temporary file in the same directory, forced to disk, renamed, and the directory forced too, so
 * a crash or a {@code kill -9} at any moment leaves either the previous file or the complete new one, never a torn
 * one. A failed write (a full disk) deletes its temporary file and leaves every older file as it was.
 *
 * @param resumeState  named JSON parts, one per stateful component of training; empty in a checkpoint that can be
 *                     sampled from but not resumed
 * @param generatorEma the generator's moving average ({@code train.ema}), if training kept one
 * @param spectralNorm u and v of each spectrally normalised layer, by network ({@link #GENERATOR_NETWORK},
 *                     {@link #DISCRIMINATOR_NETWORK}, {@link #GENERATOR_EMA_NETWORK}) and layer name; a network
 *                     without spectral normalisation has no entry
 */
public record Checkpoint(Model generator, Model discriminator, State state, String configYaml,
                         Map<String, JsonNode> resumeState, Optional<Model> generatorEma,
                         Map<String, Map<String, SpectralNormState>> spectralNorm) {
    /** The networks' names in {@link #spectralNorm()}. */
    public static final String GENERATOR_NETWORK = "generator";
    public static final String DISCRIMINATOR_NETWORK = "discriminator";
    public static final String GENERATOR_EMA_NETWORK = "generator-ema";
    static final String GENERATOR = GENERATOR_NETWORK + ".zip";
    static final String DISCRIMINATOR = DISCRIMINATOR_NETWORK + ".zip";
    static final String GENERATOR_EMA = GENERATOR_EMA_NETWORK + ".zip";
    static final String STATE = "state.json";
    static final String CONFIG = "config.yaml";
    static final String RESUME = "resume.json";
    /**
     * The resume state of a class-conditional run's classes: {@code {"names": [...], "generator": true,
     * "discriminator": true, ...}}, names by label index, and which networks took the labels (a checkpoint written
     * before the per-network keys has neither flag: both did). A checkpoint without it is of an unconditional run.
     */
    public static final String CLASSES = "classes";
    /** Prefix and suffix of the temporary files writes go through ({@code .iter-0001000.zip12345.tmp}). */
    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Checkpoint {
        resumeState = Map.copyOf(resumeState);
        Map<String, Map<String, SpectralNormState>> copy = new LinkedHashMap<>();
        spectralNorm.forEach((network, layers) -> {
            if (!layers.isEmpty()) {
                copy.put(network, Collections.unmodifiableMap(new LinkedHashMap<>(layers)));
            }
        });
        spectralNorm = Collections.unmodifiableMap(copy);
    }

    /** A checkpoint of networks without spectral normalisation or a moving average. */
    public Checkpoint(Model generator, Model discriminator, State state, String configYaml,
                      Map<String, JsonNode> resumeState) {
        this(generator, discriminator, state, configYaml, resumeState, Optional.empty(), Map.of());
    }

    /** A checkpoint without resume state. */
    public Checkpoint(Model generator, Model discriminator, State state, String configYaml) {
        this(generator, discriminator, state, configYaml, Map.of());
    }

    /**
     * The checkpoint of networks behind the training seam: their models (W_orig in spectrally normalised layers,
     * which is what they hold between passes) and their power iterations' u and v.
     *
     * @param generatorEma the generator's moving average, if any (only its parameters are saved)
     */
    public static Checkpoint of(TrainableNetwork generator, TrainableNetwork discriminator,
                                Optional<TrainableNetwork> generatorEma, State state, String configYaml,
                                Map<String, JsonNode> resumeState) {
        Map<String, Map<String, SpectralNormState>> spectral = new LinkedHashMap<>();
        spectral.put(GENERATOR_NETWORK, SpectralNormEntry.of(generator));
        spectral.put(DISCRIMINATOR_NETWORK, SpectralNormEntry.of(discriminator));
        generatorEma.ifPresent(ema -> spectral.put(GENERATOR_EMA_NETWORK, SpectralNormEntry.of(ema)));
        return new Checkpoint(generator.model(), discriminator.model(), state, configYaml, resumeState,
                generatorEma.map(TrainableNetwork::model), spectral);
    }

    /** A generator read from a checkpoint to draw images with, and whether it is the moving average. */
    public record SampledGenerator(TrainableNetwork network, boolean ema) {
    }

    /**
     * The generator to draw images from ({@code gan sample}, {@code gan eval}): the moving average when
     * {@code useEma} and the checkpoint has one ({@code train.ema} was on), else G itself. Use its {@code output}
     * only: spectrally normalised layers hold the saved W_orig / sigma of the saved u and v
     * ({@link TrainableNetworks#forInference}), so it draws what the training run's generator (or average) drew at
     * this checkpoint, and this checkpoint's own models are left as they are. Its convolutions run on the project's
     * float32 oneDNN primitives where they can ({@link OneDnnConvolutions}), as a training run's do.
     *
     * @param useEma false for the raw G ({@code --no-ema}); true asks for the average, which an older checkpoint or
     *               one of a run without {@code train.ema} does not have ({@link SampledGenerator#ema()} says which
     *               it got)
     * @throws IllegalArgumentException when the saved u and v do not fit the network's layers
     */
    public SampledGenerator generator(boolean useEma) {
        boolean ema = useEma && generatorEma.isPresent();
        TrainableNetwork network = TrainableNetworks.forInference(ema ? generatorEma.get() : generator,
                spectralNorm(ema ? GENERATOR_EMA_NETWORK : GENERATOR_NETWORK), generatorClassNames().size());
        OneDnnConvolutions.installWherePossible(Precision.FLOAT32, network.model());
        return new SampledGenerator(network, ema);
    }

    /**
     * The classes a class-conditional generator learnt, by label index (from the {@value #CLASSES} resume state);
     * empty for an unconditional run's checkpoint.
     */
    public List<String> classNames() {
        JsonNode classes = resumeState.get(CLASSES);
        if (classes == null || !classes.has("names")) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>();
        classes.get("names").forEach(name -> names.add(name.asText()));
        return List.copyOf(names);
    }

    /**
     * The classes the generator is conditioned on: {@link #classNames()} when G took the labels, empty when only D
     * did ({@code model.generator.conditional: false}) or the run was unconditional.
     */
    public List<String> generatorClassNames() {
        JsonNode classes = resumeState.get(CLASSES);
        return classes != null && !classes.path(GENERATOR_NETWORK).asBoolean(true) ? List.of() : classNames();
    }

    /** The saved u and v of a network's spectrally normalised layers, by layer name; empty for none. */
    public Map<String, SpectralNormState> spectralNorm(String network) {
        return spectralNorm.getOrDefault(network, Map.of());
    }

    /**
     * Continues the power iteration of each spectrally normalised layer of {@code into} from this checkpoint's
     * {@code network} entry.
     *
     * @return layers of {@code into} the checkpoint has no state for (normalised only since), which start afresh
     * @throws IllegalArgumentException naming the layer whose saved u or v does not fit its weight
     */
    public List<String> restoreSpectralNorm(String network, TrainableNetwork into) {
        return SpectralNormEntry.restore(into, spectralNorm(network));
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
                putEntry(zip, GENERATOR, modelBytes(generator, true));
                putEntry(zip, DISCRIMINATOR, modelBytes(discriminator, true));
                if (generatorEma.isPresent()) {
                    putEntry(zip, GENERATOR_EMA, modelBytes(generatorEma.get(), false));
                }
                if (!spectralNorm.isEmpty()) {
                    putEntry(zip, SpectralNormEntry.NAME, SpectralNormEntry.write(spectralNorm));
                }
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
        Optional<Model> ema = entries.containsKey(GENERATOR_EMA)
                ? Optional.of(restore(file, GENERATOR_EMA, entries.get(GENERATOR_EMA), false)) : Optional.empty();
        Map<String, Map<String, SpectralNormState>> spectral = Map.of();
        if (entries.containsKey(SpectralNormEntry.NAME)) {
            try {
                spectral = SpectralNormEntry.read(entries.get(SpectralNormEntry.NAME));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + "!/" + SpectralNormEntry.NAME + " does not read: " + e.getMessage(), e);
            }
        }
        return new Checkpoint(g, d, state, new String(entries.get(CONFIG), StandardCharsets.UTF_8), resume, ema,
                spectral);
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

    private static byte[] modelBytes(Model net, boolean withUpdater) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, withUpdater);
        return bytes.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
