package dev.tuneloop.jdbc.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An entity that does not match the schema, to show that validation does reject drift. */
@Entity(name = "DriftedInteractionLog")
@Table(name = "interaction_logs")
public class DriftedEntity {
    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "no_such_column")
    private String missing;

    protected DriftedEntity() {}
}
