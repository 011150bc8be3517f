/**
 * Tuneloop for LangChain4j: {@link dev.tuneloop.langchain4j.TuneloopChatModelListener} records every chat model call
 * through the asynchronous recorder, and {@link dev.tuneloop.langchain4j.RoutedChatModel} sends each user's call to the
 * model of the arm Tuneloop's router picks.
 */
@NullMarked
package dev.tuneloop.langchain4j;

import org.jspecify.annotations.NullMarked;
