/**
 * The live web dashboard ({@code search --ui [PORT]}, {@code bin/alr ui EVENTS}): a small HTTP
 * server (the JDK's {@code com.sun.net.httpserver}) that streams a run's event-log lines to a page
 * as server-sent events; the page (resources {@code dev/alr/cli/ui/web/}, charts by the vendored
 * Chart.js) draws progress, the beam tree, losses, the LR path and worker use from those events
 * alone, so a live run and a recorded log look the same.
 */
package dev.alr.cli.ui;
