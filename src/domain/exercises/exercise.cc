#include "domain/exercises/exercise.h"

namespace renkei::domain {

namespace {
template <typename E, size_t N>
const char* NameOf(const std::pair<E, const char*> (&table)[N], E v) {
  for (const auto& [e, n] : table)
    if (e == v) return n;
  return table[0].second;
}
template <typename E, size_t N>
std::optional<E> Parse(const std::pair<E, const char*> (&table)[N], std::string_view s) {
  for (const auto& [e, n] : table)
    if (s == n) return e;
  return std::nullopt;
}

// The stored codes (migration 0014's CHECKs list the same).
constexpr std::pair<ExerciseStatus, const char*> kStatuses[] = {
    {ExerciseStatus::kScheduled, "scheduled"},
    {ExerciseStatus::kRunning, "running"},
    {ExerciseStatus::kPaused, "paused"},
    {ExerciseStatus::kEnded, "ended"},
    {ExerciseStatus::kHalted, "halted"}};
constexpr std::pair<ParticipantRole, const char*> kRoles[] = {
    {ParticipantRole::kPlayer, "player"},
    {ParticipantRole::kController, "controller"},
    {ParticipantRole::kEvaluator, "evaluator"},
    {ParticipantRole::kObserver, "observer"}};
constexpr std::pair<ParticipantKind, const char*> kKinds[] = {
    {ParticipantKind::kSector, "sector"},
    {ParticipantKind::kHub, "hub"},
    {ParticipantKind::kOrganisation, "organisation"},
    {ParticipantKind::kUser, "user"}};
constexpr std::pair<InjectKind, const char*> kInjectKinds[] = {
    {InjectKind::kItem, "item"},
    {InjectKind::kReportRequest, "report_request"},
    {InjectKind::kContactCheck, "contact_check"},
    {InjectKind::kQuestionSet, "question_set"},
    {InjectKind::kCondition, "condition"}};
}  // namespace

const char* ExerciseStatusName(ExerciseStatus s) { return NameOf(kStatuses, s); }
std::optional<ExerciseStatus> ParseExerciseStatus(std::string_view s) {
  return Parse(kStatuses, s);
}
const char* ParticipantRoleName(ParticipantRole r) { return NameOf(kRoles, r); }
std::optional<ParticipantRole> ParseParticipantRole(std::string_view s) { return Parse(kRoles, s); }
const char* ParticipantKindName(ParticipantKind k) { return NameOf(kKinds, k); }
std::optional<ParticipantKind> ParseParticipantKind(std::string_view s) { return Parse(kKinds, s); }
const char* InjectKindName(InjectKind k) { return NameOf(kInjectKinds, k); }
std::optional<InjectKind> ParseInjectKind(std::string_view s) { return Parse(kInjectKinds, s); }

}  // namespace renkei::domain
