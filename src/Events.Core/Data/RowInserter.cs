using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Events.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type with one prepared command inside the context's current
/// transaction, and sets each generated key. Columns, names, value conversions and parameter types come
/// from the EF model, so the statement follows the migrations and each value keeps its store type
/// (datetime2 precision on SQL Server). Used where SaveChanges' per-entity bookkeeping was the cost that
/// mattered (the registration writer); everywhere else SaveChanges is the way. Only flat entities:
/// columns the store generates are left to it, and owned or complex properties are refused.
/// </summary>
public sealed class RowInserter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter)[] _columns;
    private readonly PropertyInfo _key;

    public RowInserter(DbContext db)
    {
        var statement = Statement(db);
        _key = statement.Key.PropertyInfo ?? throw new NotSupportedException("The key must be a CLR property.");
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                               ?? throw new InvalidOperationException("RowInserter writes inside a transaction.");
        _columns = Prepare(_command, statement);
    }

    /// <summary>The INSERT statement for the context's provider (SQLite: RETURNING, SQL Server: OUTPUT INSERTED), parameters @p0…</summary>
    public static string Sql(DbContext db) => Statement(db).Sql;

    /// <summary>The command's text and its parameters, typed by each column's mapping (what the provider would send for SaveChanges).</summary>
    internal static IReadOnlyList<DbParameter> Parameters(DbContext db, DbCommand command) =>
        Prepare(command, Statement(db)).Select(c => c.Parameter).ToList();

    private static (IProperty Property, DbParameter Parameter)[] Prepare(DbCommand command, InsertStatement statement)
    {
        command.CommandText = statement.Sql;
        return statement.Columns.Select((p, i) =>
        {
            var parameter = p.GetRelationalTypeMapping().CreateParameter(command, "@p" + i, null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, parameter);
        }).ToArray();
    }

    private sealed record InsertStatement(string Sql, IReadOnlyList<IProperty> Columns, IProperty Key);

    private static InsertStatement Statement(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (entity.GetComplexProperties().FirstOrDefault() is { } complex)
            throw new NotSupportedException($"{typeof(T).Name}.{complex.Name} is a complex property; RowInserter writes flat rows only.");
        if (entity.GetNavigations().FirstOrDefault(n => n.TargetEntityType.IsOwned()) is { } owned)
            throw new NotSupportedException($"{typeof(T).Name}.{owned.Name} is an owned type; RowInserter writes flat rows only.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        // The store fills computed columns and those it generates on every write (row versions): they are not sent.
        // Values the entity holds for other columns are sent as they are (a default is only for rows inserted without one).
        var columns = entity.GetProperties()
            .Where(p => p != key && p.GetComputedColumnSql() is null && !p.IsConcurrencyToken
                        && (p.ValueGenerated & ValueGenerated.OnUpdate) == 0)
            .ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property.");
        var helper = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", columns.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
        var tableName = helper.DelimitIdentifier(table.Name, table.Schema);
        var keyColumn = helper.DelimitIdentifier(key.GetColumnName(table)!);
        var sql = db.Database.IsSqlServer()
            ? $"INSERT INTO {tableName} ({names}) OUTPUT INSERTED.{keyColumn} VALUES ({values})"
            : $"INSERT INTO {tableName} ({names}) VALUES ({values}) RETURNING {keyColumn}";
        return new InsertStatement(sql, columns, key);
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
