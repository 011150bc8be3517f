/**
 * A small Spring Boot chat service with the Tuneloop starter: one controller routes each user to a model, answers,
 * records the answer, and takes the UI's feedback; the admin console runs on the same port.
 */
@NullMarked
package dev.tuneloop.examples.springboot;

import org.jspecify.annotations.NullMarked;
