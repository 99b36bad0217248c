package dev.jvmgan.cli;

import dev.jvmgan.run.SampleClasses;

import java.nio.file.Path;

/**
 * {@code gan sample}'s {@code --class} and {@code --per-class} against the classes of the checkpoint just read: which
 * class to draw, the refusals that need the checkpoint (the option rules that do not are in {@link SampleCommand}),
 * and what the summary line adds.
 */
final class ClassOption {
    private ClassOption() {
    }

    /**
     * The class --class names, or -1 (none asked for, or --per-class); refused when the checkpoint has no classes,
     * has no such class, or is conditional and asked for an interpolation without a class.
     */
    static int chosen(SampleClasses classes, String className, boolean perClass, boolean trainingGrid,
                      boolean interpolation, int count, Path file) {
        if ((className != null || perClass) && !classes.conditional()) {
            throw new UserInputException(file + ": its generator is not class-conditional (its run had "
                    + "model.conditional: false, or model.generator.conditional: false): " + (perClass ? "--per-class"
                    : "--class") + " needs a checkpoint whose generator takes the class", null);
        }
        if (!classes.conditional() || trainingGrid) {
            return -1;
        }
        if (perClass && (long) count * classes.count() > SampleCommand.MAX_COUNT) {
            throw new UserInputException("--per-class with --n " + count + " draws " + classes.count() + " rows of "
                    + count + " images, more than " + SampleCommand.MAX_COUNT + "; give a smaller --n", null);
        }
        if (className == null) {
            if (interpolation) {
                throw new UserInputException(file + " is class-conditional: an interpolation walks the latents within "
                        + "one class; give --class K, one of " + classes.listing(), null);
            }
            return -1;
        }
        try {
            return classes.resolve(className);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--class " + className + ": " + e.getMessage(), e);
        }
    }

    /** What the summary line adds for a conditional checkpoint: the class, the rows, or the default. */
    static String summary(SampleClasses classes, int chosen, boolean perClass, boolean trainingGrid) {
        if (!classes.conditional() || trainingGrid) {
            return "";
        }
        return perClass ? "; one row per class: " + classes.listing()
                : chosen >= 0 ? "; class " + classes.describe(chosen)
                : "; seed s made as class s mod " + classes.count();
    }
}
