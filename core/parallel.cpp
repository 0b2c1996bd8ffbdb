// The helper threads of parallel_for(): started when first wanted, kept for the process.
#include "core/parallel.hpp"

#include <condition_variable>
#include <deque>
#include <system_error>
#include <thread>

namespace casectl {

unsigned cores() {
  static const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  return n;
}

namespace parallel_detail {

void Loop::work() {
  for (std::size_t i = next++; i < n; i = next++) {
    try {
      call(f, i);
    } catch (...) {
      std::lock_guard<std::mutex> hold(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = n;
    }
  }
}

namespace {

class Pool {
 public:
  // Never destroyed: its threads wait on it until the process ends.
  static Pool& get() {
    static Pool* pool = new Pool();
    return *pool;
  }

  void run(Loop& loop) {
    if (loop.wanted > 0) {
      std::lock_guard<std::mutex> lock(m_);
      start(loop.wanted);
      offered_.push_back(&loop);
      work_.notify_all();
    }
    loop.work();
    if (loop.wanted == 0) return;
    std::unique_lock<std::mutex> lock(m_);
    for (auto it = offered_.begin(); it != offered_.end(); ++it)
      if (*it == &loop) {
        offered_.erase(it);
        break;
      }
    done_.wait(lock, [&] { return loop.helpers == 0; });
  }

 private:
  Pool() = default;

  // Helper threads up to `wanted` in all (m_ held); fewer when the system refuses more.
  void start(std::size_t wanted) {
    while (threads_ < wanted) {
      try {
        std::thread([this] { help(); }).detach();
      } catch (const std::system_error&) {
        return;  // the loops are shared by the threads there are (the calling one at least)
      }
      ++threads_;
    }
  }

  void help() {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      work_.wait(lock, [&] { return !offered_.empty(); });
      Loop* loop = offered_.front();
      if (loop->next.load() >= loop->n) {  // taken to the end already: nothing to help with
        offered_.pop_front();
        continue;
      }
      if (++loop->helpers >= loop->wanted) offered_.pop_front();  // as many helpers as it wants
      lock.unlock();
      loop->work();
      lock.lock();
      if (--loop->helpers == 0) done_.notify_all();
    }
  }

  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<Loop*> offered_;  // loops that want more helpers, oldest first
  std::size_t threads_ = 0;
};

}  // namespace

void run(Loop& loop) { Pool::get().run(loop); }

}  // namespace parallel_detail
}  // namespace casectl
