/**
 * The {@code alr} command line: {@code train}, {@code search} and the other subcommands, their
 * progress bars, per-epoch tables and JSON output. Errors in the user's input end with one line
 * naming the input and exit code 2.
 */
package dev.alr.cli;
