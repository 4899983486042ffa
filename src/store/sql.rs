//! One small SQL interface over the two backends (SQLite and PostgreSQL): statements, parameters,
//! rows and transactions. The store's modules write their SQL once, in the dialect both accept, and
//! never learn which backend runs it.

use anyhow::{Context, Result, anyhow, bail};
use postgres::types::{IsNull, ToSql as PgToSql, Type, to_sql_checked};
use std::cell::RefCell;
use std::collections::HashMap;

/// An open connection to one store.
pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    // Boxed: a client is several times the size of a SQLite connection.
    Postgres(Box<RefCell<PgSession>>),
}

/// A PostgreSQL client with the statements it has prepared (PostgreSQL plans a statement once per
/// session, as SQLite's statement cache does).
pub(crate) struct PgSession {
    pub client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    /// A transaction is open (cursors need one).
    in_transaction: bool,
    /// Cursors open now: each nested stream gets its own name.
    cursors: usize,
}

/// Rows a PostgreSQL cursor hands over at a time: memory stays bounded, round trips few.
const FETCH_ROWS: usize = 1000;

impl PgSession {
    pub fn new(client: postgres::Client) -> PgSession {
        PgSession {
            client,
            statements: HashMap::new(),
            in_transaction: false,
            cursors: 0,
        }
    }

    fn prepare(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client
            .prepare(&postgres_placeholders(sql))
            .map_err(anyhow::Error::from)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// A value bound to a statement's parameter.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Value<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A value that can be bound to a parameter.
pub(crate) trait Param {
    fn value(&self) -> Value<'_>;
}

macro_rules! integer_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                // Counts and IDs far below i64::MAX; a larger one saturates rather than wraps.
                Value::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
integer_param!(i64, i32, u32, u64, usize);

impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Integer(i64::from(*self))
    }
}

impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        match self {
            Some(value) => value.value(),
            None => Value::Null,
        }
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

/// The parameters of one statement: `()`, an array of values, or `params![a, b, …]`.
pub(crate) trait Params {
    fn values(&self) -> Vec<Value<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}

impl<T: Param, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(Param::value).collect()
    }
}

impl Params for &[&dyn Param] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(|param| param.value()).collect()
    }
}

impl Params for Vec<&dyn Param> {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(|param| param.value()).collect()
    }
}

/// `params![a, b]`: parameters of mixed types, in order (`?1`, `?2`, …).
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::sql::Param] };
    ($($param:expr),+ $(,)?) => {
        &[$(&$param as &dyn $crate::store::sql::Param),+] as &[&dyn $crate::store::sql::Param]
    };
}
pub(crate) use params;

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(n),
            Value::Real(x) => ValueRef::Real(x),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// Binds a value to whatever type PostgreSQL inferred for the parameter, as SQLite's dynamic typing
/// would store it; a value that does not fit the parameter's type is an error, never a conversion.
impl PgToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
                Type::BOOL => (n != 0).to_sql(ty, out),
                Type::FLOAT8 => (n as f64).to_sql(ty, out),
                // An integer compared with or stored in text, as SQLite would coerce it.
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => n.to_string().as_str().to_sql(&Type::TEXT, out),
                _ => Err(format!("an integer given for a parameter of type {ty}").into()),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT8 => x.to_sql(ty, out),
                _ => Err(format!("a real number given for a parameter of type {ty}").into()),
            },
            Value::Text(t) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    t.to_sql(&Type::TEXT, out)
                }
                _ => Err(format!("text given for a parameter of type {ty}").into()),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.to_sql(ty, out),
                _ => Err(format!("bytes given for a parameter of type {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// SQLite's numbered parameters (`?1`, or a bare `?` for the next one) as PostgreSQL's `$1`, outside
/// quoted strings and identifiers.
pub(crate) fn postgres_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1;
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    next = digits.parse::<usize>().unwrap_or(0) + 1;
                    out.push_str(&digits);
                }
            }
            (None, c) => out.push(c),
        }
    }
    out
}

/// One row of a result.
pub(crate) enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

/// A type a column can be read as.
pub(crate) trait Column<'r>: Sized {
    fn read(row: &Row<'r>, index: usize) -> Result<Self>;
}

impl<'r> Row<'r> {
    pub fn get<T: Column<'r>>(&self, index: usize) -> Result<T> {
        T::read(self, index)
    }

    pub fn column_count(&self) -> usize {
        match self {
            Row::Sqlite(row) => row.as_ref().column_count(),
            Row::Postgres(row) => row.len(),
        }
    }

    /// The value of a column as the backend stores it: NULL, integer, real, text or bytes (the
    /// digest hashes these, so both backends must give the same for the same row).
    pub fn value(&self, index: usize) -> Result<Value<'r>> {
        match self {
            Row::Sqlite(row) => {
                use rusqlite::types::ValueRef;
                Ok(match row.get_ref(index)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Integer(n),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(t) => Value::Text(
                        std::str::from_utf8(t).with_context(|| format!("column {index} is not UTF-8"))?,
                    ),
                    ValueRef::Blob(b) => Value::Blob(b),
                })
            }
            Row::Postgres(row) => {
                let ty = row.columns()[index].type_().clone();
                Ok(match ty {
                    Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL => {
                        pg_integer(row, index)?.map_or(Value::Null, Value::Integer)
                    }
                    Type::FLOAT8 => row
                        .try_get::<_, Option<f64>>(index)?
                        .map_or(Value::Null, Value::Real),
                    Type::BYTEA => row
                        .try_get::<_, Option<&[u8]>>(index)?
                        .map_or(Value::Null, Value::Blob),
                    _ => row
                        .try_get::<_, Option<&str>>(index)?
                        .map_or(Value::Null, Value::Text),
                })
            }
        }
    }
}

fn pg_integer(row: &postgres::Row, index: usize) -> Result<Option<i64>> {
    let ty = row.columns()[index].type_();
    Ok(match *ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(index)?,
        Type::INT4 => row.try_get::<_, Option<i32>>(index)?.map(i64::from),
        Type::INT2 => row.try_get::<_, Option<i16>>(index)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(index)?.map(i64::from),
        _ => bail!("column {index} is {ty}, not an integer"),
    })
}

fn null_column(index: usize) -> anyhow::Error {
    anyhow!("column {index} is NULL where a value is required")
}

macro_rules! integer_column {
    ($($t:ty),*) => {$(
        impl<'r> Column<'r> for Option<$t> {
            fn read(row: &Row<'r>, index: usize) -> Result<Self> {
                let n = match row {
                    Row::Sqlite(row) => row.get::<_, Option<i64>>(index)?,
                    Row::Postgres(row) => pg_integer(row, index)?,
                };
                n.map(|n| <$t>::try_from(n).with_context(|| format!("column {index} holds {n}, out of range")))
                    .transpose()
            }
        }
        impl<'r> Column<'r> for $t {
            fn read(row: &Row<'r>, index: usize) -> Result<Self> {
                Option::<$t>::read(row, index)?.ok_or_else(|| null_column(index))
            }
        }
    )*};
}
integer_column!(i64, u64);

impl<'r> Column<'r> for Option<bool> {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        Ok(Option::<i64>::read(row, index)?.map(|n| n != 0))
    }
}

impl<'r> Column<'r> for bool {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        Option::<bool>::read(row, index)?.ok_or_else(|| null_column(index))
    }
}

impl<'r> Column<'r> for Option<&'r str> {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        match row {
            Row::Sqlite(row) => Ok(row.get_ref(index)?.as_str_or_null()?),
            Row::Postgres(row) => Ok(row.try_get(index)?),
        }
    }
}

impl<'r> Column<'r> for &'r str {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        Option::<&str>::read(row, index)?.ok_or_else(|| null_column(index))
    }
}

impl<'r> Column<'r> for Option<String> {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        Ok(Option::<&str>::read(row, index)?.map(str::to_string))
    }
}

impl<'r> Column<'r> for String {
    fn read(row: &Row<'r>, index: usize) -> Result<Self> {
        Option::<String>::read(row, index)?.ok_or_else(|| null_column(index))
    }
}

/// The error when a query that must return a row returned none.
#[derive(Debug)]
pub(crate) struct NoRows;

impl std::fmt::Display for NoRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the query returned no rows")
    }
}

impl std::error::Error for NoRows {}

impl Conn {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Postgres(_))
    }

    fn session(&self) -> Result<std::cell::RefMut<'_, PgSession>> {
        match self {
            Conn::Postgres(session) => session
                .try_borrow_mut()
                .map_err(|_| anyhow!("internal error: a query while another one's rows are being read")),
            Conn::Sqlite(_) => bail!("internal error: not a PostgreSQL connection"),
        }
    }

    /// Runs statements without parameters, separated by semicolons.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Conn::Postgres(_) => Ok(self.session()?.client.batch_execute(sql)?),
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        let values = params.values();
        match self {
            Conn::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(values.iter()))?)
            }
            Conn::Postgres(_) => self.pg_run(sql, &values, |client, statement, params| {
                Ok(client.execute(statement, params)? as usize)
            }),
        }
    }

    /// Prepares `sql` on the PostgreSQL session (once: statements are cached), binds `values` to
    /// it, and hands the client, the statement and the parameters to `run`.
    fn pg_run<T>(
        &self,
        sql: &str,
        values: &[Value<'_>],
        run: impl FnOnce(&mut postgres::Client, &postgres::Statement, &[&(dyn PgToSql + Sync)]) -> Result<T>,
    ) -> Result<T> {
        let mut session = self.session()?;
        let statement = session.prepare(sql)?;
        let params = pg_params(values, &statement)?;
        run(&mut session.client, &statement, &params)
    }

    /// How many parameters a statement takes.
    pub fn parameter_count(&self, sql: &str) -> Result<usize> {
        match self {
            Conn::Sqlite(conn) => Ok(conn.prepare_cached(sql)?.parameter_count()),
            Conn::Postgres(_) => Ok(self.session()?.prepare(sql)?.params().len()),
        }
    }

    /// Calls `each` with every row of the query, as it is read (memory stays that of one row).
    pub fn for_each<'s>(
        &'s self,
        sql: &str,
        params: impl Params,
        mut each: impl for<'r> FnMut(&Row<'r>) -> Result<()>,
    ) -> Result<()> {
        let values = params.values();
        match self {
            Conn::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                while let Some(row) = rows.next()? {
                    each(&Row::Sqlite(row))?;
                }
                Ok(())
            }
            Conn::Postgres(_) => self.pg_cursor(sql, &values, |row| each(&Row::Postgres(row))),
        }
    }

    /// Like [`Conn::for_each`], for any statement that returns rows (`… RETURNING` too), but `each`
    /// may not query: on PostgreSQL the rows come straight off the connection, as they arrive.
    pub fn for_each_returned(
        &self,
        sql: &str,
        params: impl Params,
        mut each: impl for<'r> FnMut(&Row<'r>) -> Result<()>,
    ) -> Result<()> {
        match self {
            Conn::Sqlite(_) => self.for_each(sql, params, each),
            Conn::Postgres(_) => {
                use postgres::fallible_iterator::FallibleIterator;
                self.pg_run(sql, &params.values(), |client, statement, params| {
                    let mut rows = client.query_raw(statement, params.iter().copied())?;
                    while let Some(row) = rows.next()? {
                        each(&Row::Postgres(&row))?;
                    }
                    Ok(())
                })
            }
        }
    }

    /// The rows of a query, each mapped by `map`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut map: impl for<'r> FnMut(&Row<'r>) -> Result<T>,
    ) -> Result<Vec<T>> {
        if let Conn::Postgres(_) = self {
            let rows = self.pg_run(sql, &params.values(), |client, statement, params| {
                Ok(client.query(statement, params)?)
            })?;
            return rows.iter().map(|row| map(&Row::Postgres(row))).collect();
        }
        let mut out = Vec::new();
        self.for_each(sql, params, |row| {
            out.push(map(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, mapped, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl for<'r> FnOnce(&Row<'r>) -> Result<T>,
    ) -> Result<Option<T>> {
        let values = params.values();
        match self {
            Conn::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(row) => map(&Row::Sqlite(row)).map(Some),
                    None => Ok(None),
                }
            }
            Conn::Postgres(_) => {
                let row = self.pg_run(sql, &values, |client, statement, params| {
                    Ok(client.query_opt(statement, params)?)
                })?;
                match row {
                    Some(row) => map(&Row::Postgres(&row)).map(Some),
                    None => Ok(None),
                }
            }
        }
    }

    /// The first row of a query, mapped; an error ([`NoRows`]) when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl for<'r> FnOnce(&Row<'r>) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, params, map)?.ok_or_else(|| NoRows.into())
    }

    /// Streams the rows of a query, mapped by `map`, to `consume`.
    pub fn stream<T, R>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl for<'r> Fn(&Row<'r>) -> Result<R>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<R>>) -> Result<T>,
    ) -> Result<T> {
        let values = params.values();
        match self {
            Conn::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                let mut failed = false;
                let mut iter = std::iter::from_fn(|| {
                    if failed {
                        return None;
                    }
                    match rows.next() {
                        Ok(Some(row)) => Some(map(&Row::Sqlite(row))),
                        Ok(None) => None,
                        Err(err) => {
                            failed = true;
                            Some(Err(err.into()))
                        }
                    }
                });
                consume(&mut iter)
            }
            Conn::Postgres(_) => {
                // Read in batches from a cursor, so that a consumer may query meanwhile.
                let mut cursor = PgCursor::open(self, sql, &values)?;
                let mut batch = std::collections::VecDeque::new();
                let mut failed = false;
                let mut iter = std::iter::from_fn(|| {
                    if failed {
                        return None;
                    }
                    if batch.is_empty() {
                        match cursor.fetch() {
                            Ok(rows) => batch.extend(rows),
                            Err(err) => {
                                failed = true;
                                return Some(Err(err));
                            }
                        }
                    }
                    let row = batch.pop_front()?;
                    Some(map(&Row::Postgres(&row)))
                });
                let value = consume(&mut iter);
                cursor.close(value.is_ok())?;
                value
            }
        }
    }

    /// Inserts many rows into `table` (`columns`, comma-separated), handed over one at a time by
    /// `fill` through the function it is given: prepared inserts on SQLite, one `COPY` on
    /// PostgreSQL (inside the open transaction, so all or nothing as well). Memory stays that of
    /// one row; `fill` may not query on this connection meanwhile. Returns how many rows.
    pub fn bulk_insert(
        &self,
        table: &str,
        columns: &str,
        fill: impl FnOnce(&mut dyn FnMut(&[Value<'_>]) -> Result<()>) -> Result<()>,
    ) -> Result<u64> {
        let mut count = 0;
        match self {
            Conn::Sqlite(conn) => {
                let placeholders = vec!["?"; columns.split(',').count()].join(", ");
                let mut stmt = conn.prepare_cached(&format!(
                    "INSERT INTO {table} ({columns}) VALUES ({placeholders})"
                ))?;
                fill(&mut |values| {
                    stmt.execute(rusqlite::params_from_iter(values.iter()))?;
                    count += 1;
                    Ok(())
                })?;
            }
            Conn::Postgres(_) => {
                use std::io::Write;
                let mut session = self.session()?;
                let mut writer = session
                    .client
                    .copy_in(&format!("COPY {table} ({columns}) FROM STDIN"))?;
                let mut line = Vec::new();
                fill(&mut |values| {
                    line.clear();
                    copy_text_row(values, &mut line)?;
                    writer.write_all(&line)?;
                    count += 1;
                    Ok(())
                })?;
                writer.finish()?;
            }
        }
        Ok(count)
    }

    /// Opens a transaction with `begin` (a `BEGIN …` statement, with any settings after it).
    pub fn begin(&self, begin: &str) -> Result<()> {
        self.execute_batch(begin)?;
        if let Conn::Postgres(_) = self {
            self.session()?.in_transaction = true;
        }
        Ok(())
    }

    /// Ends the open transaction: `COMMIT` or `ROLLBACK`.
    pub fn end(&self, end: &str) -> Result<()> {
        if let Conn::Postgres(_) = self {
            let mut session = self.session()?;
            session.in_transaction = false;
            session.cursors = 0;
        }
        self.execute_batch(end)
    }

    /// Calls `each` with every row of a PostgreSQL query, read through a cursor in batches.
    fn pg_cursor(
        &self,
        sql: &str,
        values: &[Value<'_>],
        mut each: impl FnMut(&postgres::Row) -> Result<()>,
    ) -> Result<()> {
        let mut cursor = PgCursor::open(self, sql, values)?;
        let result = (|| {
            loop {
                let rows = cursor.fetch()?;
                if rows.is_empty() {
                    return Ok(());
                }
                for row in &rows {
                    each(row)?;
                }
            }
        })();
        cursor.close(result.is_ok())?;
        result
    }

    /// Whether a table of this name exists in the store.
    pub fn table_exists(&self, name: &str) -> Result<bool> {
        let sql = match self {
            Conn::Sqlite(_) => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            Conn::Postgres(_) => {
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?1"
            }
        };
        Ok(self.query_row(sql, [name], |row| row.get::<i64>(0))? > 0)
    }
}

/// One row in `COPY`'s text format: tab-separated, `\N` for NULL, backslash escapes.
fn copy_text_row(values: &[Value<'_>], out: &mut Vec<u8>) -> Result<()> {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        match *value {
            Value::Null => out.extend_from_slice(b"\\N"),
            Value::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::Real(x) => out.extend_from_slice(format!("{x:?}").as_bytes()),
            Value::Text(text) => {
                for byte in text.bytes() {
                    match byte {
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        b'\t' => out.extend_from_slice(b"\\t"),
                        0 => bail!("text with a NUL character cannot be stored in PostgreSQL"),
                        other => out.push(other),
                    }
                }
            }
            Value::Blob(_) => bail!("internal error: bytes in a bulk insert"),
        }
    }
    out.push(b'\n');
    Ok(())
}

fn pg_params<'v>(
    values: &'v [Value<'v>],
    statement: &postgres::Statement,
) -> Result<Vec<&'v (dyn PgToSql + Sync)>> {
    if values.len() != statement.params().len() {
        bail!(
            "internal error: the statement takes {} parameters, {} given",
            statement.params().len(),
            values.len()
        );
    }
    Ok(values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect())
}

/// A PostgreSQL cursor over one query, inside the open transaction or a read-only one of its own.
struct PgCursor<'c> {
    conn: &'c Conn,
    name: String,
    own_transaction: bool,
    done: bool,
}

impl<'c> PgCursor<'c> {
    fn open(conn: &'c Conn, sql: &str, values: &[Value<'_>]) -> Result<PgCursor<'c>> {
        let own_transaction = !conn.session()?.in_transaction;
        if own_transaction {
            conn.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        }
        let opened = (|| {
            let name = {
                let mut session = conn.session()?;
                session.cursors += 1;
                format!("xmfax_cursor_{}", session.cursors)
            };
            let declare = format!("DECLARE {name} NO SCROLL CURSOR FOR {sql}");
            conn.pg_run(&declare, values, |client, statement, params| {
                Ok(client.execute(statement, params)?)
            })?;
            Ok(name)
        })();
        match opened {
            Ok(name) => Ok(PgCursor {
                conn,
                name,
                own_transaction,
                done: false,
            }),
            Err(err) => {
                if own_transaction {
                    let _ = conn.end("ROLLBACK");
                }
                Err(err)
            }
        }
    }

    /// The next rows (none at the end).
    fn fetch(&mut self) -> Result<Vec<postgres::Row>> {
        if self.done {
            return Ok(Vec::new());
        }
        let rows = self
            .conn
            .session()?
            .client
            .query(&format!("FETCH {FETCH_ROWS} FROM {}", self.name), &[])?;
        self.done = rows.len() < FETCH_ROWS;
        Ok(rows)
    }

    fn close(self, ok: bool) -> Result<()> {
        if !ok {
            // The transaction may be aborted: only ending it can help.
            if self.own_transaction {
                let _ = self.conn.end("ROLLBACK");
            }
            return Ok(());
        }
        let closed = self.conn.session().and_then(|mut session| {
            session.client.batch_execute(&format!("CLOSE {}", self.name))?;
            session.cursors -= 1;
            Ok(())
        });
        if self.own_transaction {
            if closed.is_err() {
                let _ = self.conn.end("ROLLBACK");
                return closed;
            }
            self.conn.end("COMMIT")?;
        }
        closed
    }
}

#[cfg(test)]
mod tests {
    use super::postgres_placeholders;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            postgres_placeholders("SELECT ?1, ?2 WHERE a = '?3' AND \"?x\" = ?2"),
            "SELECT $1, $2 WHERE a = '?3' AND \"?x\" = $2"
        );
        assert_eq!(postgres_placeholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
        assert_eq!(postgres_placeholders("a = ?3 OR b = ?"), "a = $3 OR b = $4");
    }

    #[test]
    fn copy_rows_escape_what_copy_reads_as_syntax() {
        use super::{Value, copy_text_row};
        let mut out = Vec::new();
        copy_text_row(
            &[
                Value::Text("a\tb\\c\nd\re"),
                Value::Null,
                Value::Integer(-7),
                Value::Text("\\N"),
            ],
            &mut out,
        )
        .unwrap();
        assert_eq!(out, b"a\\tb\\\\c\\nd\\re\t\\N\t-7\t\\\\N\n");
        assert!(copy_text_row(&[Value::Text("a\0b")], &mut Vec::new()).is_err());
    }
}
