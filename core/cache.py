"""Django's database cache with an atomic `incr` (Redis is handled by django-redis).

Production needs one cache shared by every process (allauth's login limits and Saylo's own rate
limits live there). Without `CACHE_URL` Saylo uses the database it already has, so a deployment on
one database needs nothing more. Django's `DatabaseCache.incr` reads the value and writes it back
in two steps, so parallel requests could each read the same count; here the row is locked for the
read-modify-write (`SELECT … FOR UPDATE` on PostgreSQL; SQLite takes its write lock when the
transaction begins, which Saylo's settings ask for with `transaction_mode=IMMEDIATE`).
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # Table and column names are quoted identifiers and the key is a parameter (S608 is a false alarm).
        select = f"SELECT {quote('value')}, {quote('expires')} FROM {table} WHERE {quote('cache_key')} = %s{lock}"  # noqa: S608
        update = f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [cache_key])
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            # Django's own cache format, written only by Saylo's processes.
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta  # noqa: S301
            cursor.execute(update, [base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1"), cache_key])
        return value

    @staticmethod
    def _expired(connection, expires) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < tz_now()
