package dev.tuneloop.springai;

/**
 * What a Spring AI capture component did since it was made. Recording failures are counted here and never thrown into
 * the application; interactions the recorder later rejects (a broken rule) are counted by the recorder itself, in
 * {@link dev.tuneloop.record.RecorderStats#rejectedByRule()}.
 *
 * @param recorded  turns handed to the recorder
 * @param toolRounds model calls that ended in tool calls: not recorded on their own, the round that answers them is
 * @param skipped   calls with nothing to record (no user message, no generation, or recorded by the advisor already)
 * @param failed    calls whose recording threw (the call itself went on)
 * @param routingFailed calls the router could not place (the host's model was kept)
 */
public record CaptureStats(long recorded, long toolRounds, long skipped, long failed, long routingFailed) {}
