/**
 * A bare Spring Boot web application (one endpoint, a DataSource, no Tuneloop code) used to measure the starter's
 * startup overhead: started with the starter's jars on the classpath and without them, by {@code startup-overhead.sh}.
 */
@NullMarked
package dev.tuneloop.examples.springbootprobe;

import org.jspecify.annotations.NullMarked;
