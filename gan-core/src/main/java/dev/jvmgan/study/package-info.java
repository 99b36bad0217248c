/** The activation study: a grid of training runs that vary one network's activation, learning rate, batch norm and architecture, run resumably into one directory and summarised as tables, charts, comparison pages and one combined HTML page. */
package dev.jvmgan.study;
