// The ceiling bench/fanout and bench/exercise measure a sending against: the rows one item's
// sending wrote (item_orgs, deliveries, outbox) copied in bulk, in one transaction, into
// scratch tables without indexes — what the database needs to make them durable and nothing
// else. Returns the copy's milliseconds; the scratch tables are dropped after.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "storage/sql_transactor.h"

namespace renkei::bench {

inline Result<double> BareFanOutMs(storage::SqlTransactor& tx, std::int64_t item) {
  double ms = 0;
  constexpr const char* kTables[] = {"item_orgs", "deliveries", "outbox"};
  RENKEI_RETURN_IF_ERROR(tx.WithConnection([&](storage::Connection& c) -> Status {
    for (const char* t : kTables) {
      RENKEI_RETURN_IF_ERROR(c.ExecScript(std::string("DROP TABLE IF EXISTS bench_") + t +
                                          "; CREATE TABLE bench_" + t + " AS SELECT * FROM " + t +
                                          " WHERE 1 = 0;"));
    }
    const auto b0 = std::chrono::steady_clock::now();
    RENKEI_RETURN_IF_ERROR(c.Begin(true));
    // The outbox names its subject generically (subject_kind 'item', subject_id).
    for (auto [t, key] : {std::pair{"item_orgs", "item_id"}, std::pair{"deliveries", "item_id"},
                          std::pair{"outbox", "subject_kind = 'item' AND subject_id"}}) {
      RENKEI_RETURN_IF_ERROR(c.Exec(std::string("INSERT INTO bench_") + t + " SELECT * FROM " + t +
                                        " WHERE " + key + " = $1",
                                    {item})
                                 .status());
    }
    RENKEI_RETURN_IF_ERROR(c.Commit());
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - b0).count();
    for (const char* t : kTables) {
      RENKEI_RETURN_IF_ERROR(c.ExecScript(std::string("DROP TABLE bench_") + t + ";"));
    }
    return Status::Ok();
  }));
  return ms;
}

}  // namespace renkei::bench
