package dev.jvmgan.run;

import dev.jvmgan.config.DataConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classes of a class-conditional checkpoint as people name them: by label index, by the name the data gave the
 * class (a folder's subfolder name, saved in the checkpoint's resume state), or for Fashion-MNIST, whose IDX files
 * number the classes 0 to 9, by the dataset's own names ("Dress", "ankle boot"). An unconditional checkpoint has
 * none ({@link #conditional()} false).
 *
 * <p>Images drawn without a class are made as class {@code seed mod K} ({@link #ofSeed}): a seed is then one image
 * whatever else is drawn with it (in a grid, as a single PNG, in {@code gan eval}), and n consecutive seeds cover the
 * classes evenly.
 *
 * @param names the names the checkpoint saved, index = label
 * @param shown the names shown to people: {@code names}, or Fashion-MNIST's for its numbered classes
 */
public record SampleClasses(List<String> names, List<String> shown) {
    /** Fashion-MNIST's class names, index = label (Xiao, Rasul and Vollgraf 2017). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public SampleClasses {
        names = List.copyOf(names);
        shown = List.copyOf(shown);
        if (names.size() != shown.size()) {
            throw new IllegalArgumentException(names.size() + " class names but " + shown.size() + " shown names");
        }
    }

    /**
     * The classes of a checkpoint with saved {@code names} (empty: unconditional), trained on {@code data}. IDX
     * Fashion-MNIST (the embedded split, or a path with {@code fashion-mnist} in it) shows the dataset's names when
     * the saved ones are its label numbers 0 to 9.
     */
    public static SampleClasses of(List<String> names, DataConfig data) {
        boolean fashion = data.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)
                || data.path().toLowerCase(Locale.ROOT).contains("fashion-mnist");
        return new SampleClasses(names, fashion && names.equals(numbered(FASHION_MNIST.size())) ? FASHION_MNIST
                : names);
    }

    /** Whether the generator is class-conditional. */
    public boolean conditional() {
        return !names.isEmpty();
    }

    public int count() {
        return names.size();
    }

    /** The class a seed's image is made as when no class is asked for: {@code seed mod K}. */
    public static int ofSeed(long seed, int count) {
        return (int) Math.floorMod(seed, (long) count);
    }

    /** {@link #ofSeed} of seeds {@code firstSeed} to {@code firstSeed + n - 1}. */
    public int[] ofSeeds(long firstSeed, int n) {
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = ofSeed(firstSeed + i, count());
        }
        return classes;
    }

    /** {@code 3 (Dress)}, or {@code 3} when the name is the index itself. */
    public String describe(int k) {
        return shown.get(k).equals(Integer.toString(k)) ? Integer.toString(k) : k + " (" + shown.get(k) + ")";
    }

    /** Every class for a message: {@code 0 (T-shirt/top), 1 (Trouser), ...}. */
    public String listing() {
        List<String> all = new ArrayList<>();
        for (int k = 0; k < count(); k++) {
            all.add(describe(k));
        }
        return String.join(", ", all);
    }

    /**
     * The class {@code text} names: a saved or shown name (case and punctuation ignored: {@code ankle-boot}, {@code
     * T-SHIRT/TOP}; the part of a shown name before a slash too: {@code t-shirt}), else a label index. A name wins
     * over an index, so a folder class called "3" is that folder's class.
     *
     * @throws IllegalArgumentException naming the text and listing the classes when there is no such class
     */
    public int resolve(String text) {
        String key = normalised(text);
        for (int k = 0; k < count(); k++) {
            String shownName = shown.get(k);
            if (key.equals(normalised(names.get(k))) || key.equals(normalised(shownName))
                    || shownName.contains("/") && key.equals(normalised(shownName.substring(0,
                    shownName.indexOf('/'))))) {
                return k;
            }
        }
        try {
            int k = Integer.parseInt(text.trim());
            if (k >= 0 && k < count()) {
                return k;
            }
            throw new IllegalArgumentException("class " + k + " is out of range: this generator has " + count()
                    + " classes, 0 to " + (count() - 1) + ": " + listing());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no class '" + text + "': give an index or a name of " + listing(), e);
        }
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static List<String> numbered(int count) {
        List<String> numbers = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            numbers.add(Integer.toString(k));
        }
        return numbers;
    }
}
