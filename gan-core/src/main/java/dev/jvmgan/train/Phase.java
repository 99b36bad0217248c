package dev.jvmgan.train;

import dev.jvmgan.model.NetworkRole;

import java.util.List;
import java.util.Objects;

/**
 * One phase of the loop, as StyleGAN2-ADA's {@code phases}: a name, the network it updates, how often it runs, and
 * what it does. At each step the loop runs every phase whose interval divides the step number, in list order:
 * its terms add their gradients, then the network takes one optimiser step.
 * <pre>
 *   Dmain   D        every step        D's loss on T(x) and T(G(z))
 *   Dboth   D        every step        a gradient penalty, then D's loss, in one update (WGAN-GP)
 *   Dreg    D        every k steps     the penalty alone, weighted by k (StyleGAN2's lazy R1)
 *   Gmain   G        every dStepsPerGStep steps    G's loss through D
 * </pre>
 *
 * @param name     {@code Dmain}, {@code Dboth}, {@code Dreg}, {@code Gmain}, or a name of the caller's
 * @param network  the network whose optimiser steps after the terms
 * @param interval steps between runs, &gt;= 1
 * @param terms    what the phase computes, in order; at least one
 */
public record Phase(String name, NetworkRole network, int interval, List<GradientTerm> terms) {
    public static final String D_MAIN = "Dmain";
    public static final String D_BOTH = "Dboth";
    public static final String D_REG = "Dreg";
    public static final String G_MAIN = "Gmain";

    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        if (interval < 1) {
            throw new IllegalArgumentException("interval: " + name + " must run every >= 1 steps, got " + interval);
        }
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("terms: " + name + " has nothing to compute");
        }
    }

    public Phase(String name, NetworkRole network, int interval, GradientTerm... terms) {
        this(name, network, interval, List.of(terms));
    }
}
