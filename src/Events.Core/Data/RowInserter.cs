using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Events.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type with one prepared command inside the context's current
/// transaction, and sets each generated key. Columns, names and value conversions come from the EF
/// model, so the statement follows the migrations. Used where SaveChanges' per-entity bookkeeping was
/// the cost that mattered (the registration writer); everywhere else SaveChanges is the way.
/// </summary>
public sealed class RowInserter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter)[] _columns;
    private readonly PropertyInfo _key;

    public RowInserter(EventsDbContext db)
    {
        var (sql, properties, key) = Statement(db);
        _key = key.PropertyInfo ?? throw new NotSupportedException("The key must be a CLR property.");
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                               ?? throw new InvalidOperationException("RowInserter writes inside a transaction.");
        _command.CommandText = sql;
        _columns = properties.Select((p, i) =>
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            _command.Parameters.Add(parameter);
            return (p, parameter);
        }).ToArray();
    }

    /// <summary>The INSERT statement for the context's provider (SQLite: RETURNING, SQL Server: OUTPUT INSERTED), parameters @p0…</summary>
    public static string Sql(EventsDbContext db) => Statement(db).Sql;

    private static (string Sql, IReadOnlyList<IProperty> Properties, IProperty Key) Statement(EventsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p != key).ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property.");
        var helper = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => "@p" + i));
        var tableName = helper.DelimitIdentifier(table.Name, table.Schema);
        var keyColumn = helper.DelimitIdentifier(key.GetColumnName(table)!);
        var sql = db.Database.IsSqlServer()
            ? $"INSERT INTO {tableName} ({names}) OUTPUT INSERTED.{keyColumn} VALUES ({values})"
            : $"INSERT INTO {tableName} ({names}) VALUES ({values}) RETURNING {keyColumn}";
        return (sql, properties, key);
    }

    public void Insert(T row)
    {
        foreach (var (property, parameter) in _columns)
        {
            var value = property.GetGetter().GetClrValue(row);
            if (value is not null && property.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
            parameter.Value = value ?? DBNull.Value;
        }
        if (_command.Connection!.State != System.Data.ConnectionState.Open) _command.Connection.Open();
        var id = _command.ExecuteScalar()!;
        _key.SetValue(row, Convert.ChangeType(id, _key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _command.Dispose();
}
