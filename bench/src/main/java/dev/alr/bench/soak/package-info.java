/**
 * The soak: many short N-probe and ALR searches through the public API (actor executor), in this
 * JVM and in fresh child JVMs, counting finished runs, failures and JVM crashes. {@link
 * dev.alr.bench.soak.Soak} is the entry point; {@link dev.alr.bench.soak.SoakChild} is the
 * program a fresh JVM runs.
 */
package dev.alr.bench.soak;
