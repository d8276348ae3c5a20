package dev.tenantpulse.flink.serialization;

import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of a record with a hand-written serializer: what the operators that emit
 * {@link TenantEvent}, {@link ReceivedEvent} and {@link TenantFact} declare, so the shuffles after
 * them use it.
 */
public final class CompactTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  public static final CompactTypeInfo<TenantEvent> TENANT_EVENT =
      new CompactTypeInfo<>(TenantEvent.class, TenantEventSerializer.INSTANCE);
  public static final CompactTypeInfo<ReceivedEvent> RECEIVED_EVENT =
      new CompactTypeInfo<>(ReceivedEvent.class, ReceivedEventSerializer.INSTANCE);
  public static final CompactTypeInfo<TenantFact> TENANT_FACT =
      new CompactTypeInfo<>(TenantFact.class, TenantFactSerializer.INSTANCE);

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  private CompactTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return "Compact<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CompactTypeInfo<?> o && o.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof CompactTypeInfo<?>;
  }
}
