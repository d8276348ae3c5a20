package dev.tenantpulse.flink.metrics;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.LocalTimeTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * Type information for row and state records that Flink's extractor would hand to Kryo: it treats
 * {@link LocalDate} as a generic type, though Flink has a serializer for it. Every component is
 * typed explicitly (nested records recursively), so the records stay POJO-serialised with generic
 * types disabled.
 */
public final class RowTypes {

  private RowTypes() {}

  @SuppressWarnings("unchecked")
  public static <T> TypeInformation<T> of(Class<T> type) {
    if (!type.isRecord()) {
      return TypeInformation.of(type);
    }
    List<PojoField> fields = new ArrayList<>();
    try {
      for (RecordComponent c : type.getRecordComponents()) {
        Field field = type.getDeclaredField(c.getName());
        fields.add(new PojoField(field, componentType(c)));
      }
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("record " + type.getName() + " without its field", e);
    }
    return new PojoTypeInfo<>(type, fields);
  }

  private static TypeInformation<?> componentType(RecordComponent c) {
    return typeOf(c.getGenericType());
  }

  private static TypeInformation<?> typeOf(Type type) {
    if (type == LocalDate.class) {
      return LocalTimeTypeInfo.LOCAL_DATE;
    }
    if (type instanceof Class<?> c && c.isRecord() && c.getTypeParameters().length == 0) {
      return of(c);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return new ListTypeInfo<>(typeOf(p.getActualTypeArguments()[0]));
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      Type[] args = p.getActualTypeArguments();
      return new MapTypeInfo<>(typeOf(args[0]), typeOf(args[1]));
    }
    return TypeExtractor.createTypeInfo(type);
  }
}
